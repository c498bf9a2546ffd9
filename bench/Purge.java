import org.helpdesk.HelpdeskApplication;
import org.helpdesk.passes.PassPurge;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the service's purge of expired passes once, from a second instance on the same database (as a second
 * instance of the service would), and prints how many passes went and how long it took.
 * Arguments: the application's own arguments (datasource, pepper).
 */
public class Purge {
    public static void main(String[] args) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(HelpdeskApplication.class)
                .web(WebApplicationType.NONE).run(args)) {
            System.out.println("PURGE_STARTED");
            System.out.flush();
            long started = System.nanoTime();
            int removed = context.getBean(PassPurge.class).purge();
            System.out.printf("PURGED=%d%nPURGE_SECONDS=%.1f%n", removed, (System.nanoTime() - started) / 1e9);
        }
    }
}
