import org.helpdesk.HelpdeskApplication;
import org.helpdesk.passes.PassPurge;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the service's purge of expired passes once, from a second instance on the same database (as a second
 * instance of the service would), and prints how many passes went and how long it took. The purge starts after the
 * instance has settled for a while (its start's JIT compilations over), as in a running service, whose first purge
 * comes a minute after its start.
 * Arguments: the seconds to settle, then the application's own arguments (datasource, pepper).
 */
public class Purge {
    public static void main(String[] args) throws InterruptedException {
        long settle = Long.parseLong(args[0]);
        String[] applicationArgs = java.util.Arrays.copyOfRange(args, 1, args.length);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(HelpdeskApplication.class)
                .web(WebApplicationType.NONE).run(applicationArgs)) {
            System.out.println("PURGE_SETTLING");
            System.out.flush();
            Thread.sleep(settle * 1000);
            System.out.println("PURGE_STARTED");
            System.out.flush();
            long started = System.nanoTime();
            int removed = context.getBean(PassPurge.class).purge();
            System.out.printf("PURGED=%d%nPURGE_SECONDS=%.1f%n", removed, (System.nanoTime() - started) / 1e9);
        }
    }
}
