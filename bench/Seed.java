import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.helpdesk.HelpdeskApplication;
import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.AccountKind;
import org.helpdesk.accounts.Accounts;
import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.accounts.NewAccount;
import org.helpdesk.accounts.SignInMethod;
import org.helpdesk.apitokens.ApiTokens;
import org.helpdesk.passes.CharacterSet;
import org.helpdesk.passes.IssueRequest;
import org.helpdesk.passes.IssuedPass;
import org.helpdesk.passes.PassBatches;
import org.helpdesk.passes.TapPolicies;
import org.helpdesk.passes.TapPolicy;
import org.helpdesk.passes.TemporaryAccessPasses;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Seeds the benchmark's data through the service's own code, with every rule it enforces.
 * <ul>
 * <li>{@code live N LENGTH CHARSET FILE}: the policy through TapPolicies, N contacts through Accounts.create, a live
 * pass each through TemporaryAccessPasses.issue; writes "email,pass,id" lines to FILE (owner-only) for the load
 * generator, and an admin's API token to FILE.token for the issuing runs.</li>
 * <li>{@code expired N}: N guest contacts, each with a pass that ended 60 days ago, as if made then: the service's
 * clock is set back for this process only, passes are issued through PassBatches (a thousand per transaction)
 * under a policy of 24-character passes (keyed hash, so seeding a million takes minutes, not hours). Guests get
 * no mail, so the outbox stays as the sign-ins leave it. These are the rows the purge has to delete.</li>
 * </ul>
 * The application's own arguments (datasource, pepper) follow.
 */
public class Seed {

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int count = Integer.parseInt(args[1]);
        boolean expired = mode.equals("expired");
        String[] appArgs = java.util.Arrays.copyOfRange(args, expired ? 2 : 5, args.length);
        SpringApplicationBuilder builder = new SpringApplicationBuilder(HelpdeskApplication.class)
                .web(WebApplicationType.NONE);
        if (expired) {
            Clock past = Clock.offset(Clock.systemUTC(), Duration.ofDays(-60));
            builder.initializers(context -> context.addBeanFactoryPostProcessor(factory -> {
                DefaultListableBeanFactory beans = (DefaultListableBeanFactory) factory;
                beans.removeBeanDefinition("clock");
                beans.registerSingleton("clock", past);
            }));
        }
        try (ConfigurableApplicationContext context = builder.run(appArgs)) {
            long started = System.nanoTime();
            if (expired) {
                seedExpired(context, count);
            } else {
                seedLive(context, count, Integer.parseInt(args[2]), CharacterSet.parse(args[3]), Path.of(args[4]));
            }
            System.out.printf("SEED_SECONDS=%.1f%n", (System.nanoTime() - started) / 1e9);
        }
    }

    private static CurrentUser admin(ConfigurableApplicationContext context, String stamp) {
        Account admin = context.getBean(Accounts.class)
                .createFirstAdmin("bench-admin-" + stamp + "@bench.example", "Benchmark admin");
        return CurrentUser.of(admin, SignInMethod.PASSWORD, null, null, null);
    }

    private static void seedLive(ConfigurableApplicationContext context, int count, int length, CharacterSet set,
                                 Path out) throws Exception {
        Accounts accounts = context.getBean(Accounts.class);
        TemporaryAccessPasses passes = context.getBean(TemporaryAccessPasses.class);
        String stamp = Long.toString(System.nanoTime(), 36);
        CurrentUser actor = admin(context, stamp);
        context.getBean(TapPolicies.class).update(new TapPolicy(true, 10, 43_200, 43_200, false, length, set), actor);
        Path tokenFile = Path.of(out + ".token");
        for (Path file : List.of(out, tokenFile)) {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(tokenFile, context.getBean(ApiTokens.class).create(actor, "benchmark").value());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(out))) {
            int chunk = 1000;
            for (int from = 0; from < count; from += chunk) {
                List<Future<String>> lines = new ArrayList<>();
                for (int i = from; i < Math.min(count, from + chunk); i++) {
                    int n = i;
                    lines.add(pool.submit(() -> {
                        String email = "person" + n + "-" + stamp + "@bench.example";
                        Account person = accounts.create(
                                new NewAccount(email, "Person " + n, AccountKind.CONTACT, null, false), actor);
                        IssuedPass pass = passes.issue(person.id(), new IssueRequest(null, null, false), actor);
                        return email + "," + pass.value() + "," + person.id();
                    }));
                }
                for (Future<String> line : lines) {
                    writer.println(line.get());
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void seedExpired(ConfigurableApplicationContext context, int count) throws Exception {
        Accounts accounts = context.getBean(Accounts.class);
        PassBatches batches = context.getBean(PassBatches.class);
        String stamp = Long.toString(System.nanoTime(), 36);
        CurrentUser actor = admin(context, stamp);
        TapPolicies policies = context.getBean(TapPolicies.class);
        TapPolicy before = policies.current();
        policies.update(new TapPolicy(true, 10, 43_200, 60, false, 24, CharacterSet.BASE32), actor);
        int threads = 2 * Math.max(2, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            int chunk = PassBatches.MAX_PEOPLE;
            List<Future<?>> pending = new ArrayList<>();
            for (int from = 0; from < count; from += chunk) {
                int first = from;
                int last = Math.min(count, from + chunk);
                pending.add(pool.submit(() -> {
                    List<PassBatches.Recipient> recipients = new ArrayList<>();
                    for (int n = first; n < last; n++) {
                        Account guest = accounts.create(new NewAccount("guest" + n + "-" + stamp + "@bench.example",
                                "Guest " + n, AccountKind.CONTACT, null, true), actor);
                        recipients.add(new PassBatches.Recipient(guest.id(), null));
                    }
                    batches.issue(recipients, new IssueRequest(null, 60, false), actor);
                    return null;
                }));
                if (pending.size() >= threads * 2) {
                    pending.remove(0).get();
                }
                if ((from / chunk) % 100 == 0) {
                    System.out.printf("seeded %d of %d expired passes%n", last, count);
                }
            }
            for (Future<?> f : pending) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        policies.update(before, actor);
    }
}
