import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
import org.helpdesk.passes.CharacterSet;
import org.helpdesk.passes.IssueRequest;
import org.helpdesk.passes.IssuedPass;
import org.helpdesk.passes.TapPolicies;
import org.helpdesk.passes.TapPolicy;
import org.helpdesk.passes.TemporaryAccessPasses;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Seeds the benchmark's accounts through the service's own code: the policy through TapPolicies, each contact
 * through Accounts.create and each pass through TemporaryAccessPasses.issue, with every rule they enforce.
 * Arguments: accounts, pass length, character set (base32|digits), output file; then the application's own
 * arguments (datasource, pepper). Writes "email,pass" lines to the output file (owner-only), for the load generator.
 */
public class Seed {
    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        int length = Integer.parseInt(args[1]);
        CharacterSet set = CharacterSet.parse(args[2]);
        Path out = Path.of(args[3]);
        String[] appArgs = java.util.Arrays.copyOfRange(args, 4, args.length);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(HelpdeskApplication.class)
                .web(WebApplicationType.NONE).run(appArgs)) {
            Accounts accounts = context.getBean(Accounts.class);
            TapPolicies policies = context.getBean(TapPolicies.class);
            TemporaryAccessPasses passes = context.getBean(TemporaryAccessPasses.class);
            String stamp = Long.toString(System.currentTimeMillis(), 36);
            Account admin = accounts.createFirstAdmin("bench-admin-" + stamp + "@bench.example", "Benchmark admin");
            CurrentUser actor = CurrentUser.of(admin, SignInMethod.PASSWORD, null, null);
            policies.update(new TapPolicy(true, 10, 43_200, 43_200, false, length, set), actor);
            Files.deleteIfExists(out);
            Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            long started = System.nanoTime();
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
                            return email + "," + pass.value();
                        }));
                    }
                    for (Future<String> line : lines) {
                        writer.println(line.get());
                    }
                    if ((from / chunk) % 50 == 0) {
                        System.out.printf("seeded %d of %d%n", Math.min(count, from + chunk), count);
                    }
                }
            } finally {
                pool.shutdown();
            }
            System.out.printf("SEED_SECONDS=%.1f%n", (System.nanoTime() - started) / 1e9);
        }
    }
}
