package org.helpdesk.passes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.helpdesk.HelpdeskApplication;
import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.AccountKind;
import org.helpdesk.accounts.Accounts;
import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.accounts.NewAccount;
import org.helpdesk.accounts.SignInMethod;
import org.helpdesk.support.Browser;
import org.helpdesk.support.EmbeddedPostgresInitializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The first admin of a new installation (spec 2, ASVS 2.5.4): the real application started on an empty
 * database creates the configured admin without a password and prints a one-time setup pass to the console,
 * once; restarting prints none; an operator can have a fresh one printed for an existing admin.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class BootstrapTests {

    private static final String PEPPER = "dGVzdC1wZXBwZXItb25seS1mb3ItdGVzdHMtMzItYnl0ZXMtbG9uZw==";
    private static final Pattern SETUP_PASS = Pattern.compile("Setup pass:\\s+([0-9A-Z-]+)");

    @TempDir
    Path dataDir;

    private Map<String, Object> database;
    private final List<ConfigurableApplicationContext> started = new java.util.ArrayList<>();

    /** A fresh, empty database: URL, user and password as Spring properties. */
    abstract Map<String, Object> newDatabase(Path dir);

    @BeforeEach
    void freshDatabase() {
        database = newDatabase(dataDir);
    }

    @AfterEach
    void closeApplications() {
        started.forEach(ConfigurableApplicationContext::close);
    }

    /** Starts the real application; settings go in as command-line arguments, which outrank application.properties. */
    private ConfigurableApplicationContext start(String adminEmail) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("helpdesk.data-dir", dataDir.toString());
        properties.put("helpdesk.passes.pepper", PEPPER);
        properties.put("helpdesk.passes.purge-initial-delay", "PT24H");
        properties.put("helpdesk.bootstrap.admin-email", adminEmail);
        properties.put("helpdesk.bootstrap.admin-name", "First Admin");
        List<String> args = new java.util.ArrayList<>(List.of("--server.port=0"));
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(HelpdeskApplication.class)
                .run(args.toArray(String[]::new));
        started.add(context);
        return context;
    }

    /** Runs the documented operator command, in this JVM: reissue a setup pass with no web server, then stop. */
    private void runReissueCommand(String adminEmail) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("helpdesk.data-dir", dataDir.toString());
        properties.put("helpdesk.passes.pepper", PEPPER);
        properties.put("helpdesk.bootstrap.reissue-setup-pass-for", adminEmail);
        properties.put("spring.main.web-application-type", "none");
        properties.put("helpdesk.bootstrap.exit-after-reissue", "false");
        List<String> args = new java.util.ArrayList<>();
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));
        ConfigurableApplicationContext command = new SpringApplicationBuilder(HelpdeskApplication.class)
                .run(args.toArray(String[]::new));
        assertThat(command.isActive()).as("the command stops by itself").isFalse();
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private static List<String> setupPasses(String output) {
        Matcher matcher = SETUP_PASS.matcher(output);
        List<String> found = new java.util.ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    /** Signs in at /login/tap over real HTTP; returns where the service sent the browser. */
    private static String tapSignIn(ConfigurableApplicationContext context, String email, String pass) {
        Browser browser = new Browser(port(context));
        assertThat(browser.get("/login/tap").statusCode()).isEqualTo(200);
        HttpResponse<String> response = browser.post("/login/tap", Map.of("username", email, "pass", pass));
        assertThat(response.statusCode()).isEqualTo(302);
        String target = browser.location(response);
        if ("/".equals(target)) {
            assertThat(browser.location(browser.get("/"))).isEqualTo("/profile");
            assertThat(browser.get("/agents").statusCode()).isEqualTo(200);
        }
        return target;
    }

    /** Every captured line that holds the pass in any spelling is a banner line that shows it, and no other. */
    private static void assertPassOnlyInBanner(String output, String grouped) {
        String plain = grouped.replace("-", "");
        List<String> showing = output.lines()
                .filter(line -> {
                    String l = line.toUpperCase(Locale.ROOT);
                    return l.contains(plain) || l.contains(grouped);
                })
                .toList();
        assertThat(showing).hasSize(1);
        assertThat(showing.get(0)).startsWith(" Setup pass:");
        assertThat(showing.get(0).strip()).isEqualTo("Setup pass:    " + grouped);
    }

    @Test
    void firstStartWhenDatabaseEmptyThenAdminWithoutPasswordAndOneSetupPassPrintedOnce(CapturedOutput output) {
        String email = "first-admin-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        ConfigurableApplicationContext first = start(email);

        List<String> printed = setupPasses(output.getOut());
        assertThat(printed).hasSize(1);
        String pass = printed.get(0);
        assertThat(pass.replace("-", "")).hasSize(TemporaryAccessPasses.SETUP_PASS_LENGTH);

        Accounts accounts = first.getBean(Accounts.class);
        Account admin = accounts.findByEmail(email).orElseThrow();
        assertThat(admin.isAdmin()).isTrue();
        assertThat(admin.active()).isTrue();
        assertThat(admin.guest()).isFalse();
        assertThat(admin.hasPassword()).isFalse();
        JdbcClient jdbc = first.getBean(JdbcClient.class);
        assertThat(jdbc.sql("select count(*) from accounts").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from accounts where password_hash is not null").query(Long.class)
                .single()).isZero();
        assertThat(first.getBean(TapPolicies.class).current().enabled()).isFalse();

        assertThat(tapSignIn(first, email, pass)).isEqualTo("/");
        assertThat(tapSignIn(first, email, pass)).isEqualTo("/login/tap?error=used");
        first.close();

        int mark = output.getAll().length();
        ConfigurableApplicationContext second = start(email);
        String afterRestart = output.getAll().substring(mark);
        assertThat(afterRestart).contains("Tomcat started on port " + port(second));
        assertThat(afterRestart).doesNotContain("Setup pass:");
        assertThat(second.getBean(JdbcClient.class).sql("select count(*) from accounts").query(Long.class).single())
                .isEqualTo(1);
        assertThat(tapSignIn(second, email, pass)).isEqualTo("/login/tap?error=used");
        second.close();

        assertPassOnlyInBanner(output.getAll(), pass);
        assertThat(output.getAll()).doesNotContain("Using generated security password");
    }

    @Test
    void secondStartWhenFirstSetupPassUnusedThenNoNewPassAndTheFirstStillWorks(CapturedOutput output) {
        String email = "unused-setup-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        start(email).close();
        List<String> printed = setupPasses(output.getOut());
        assertThat(printed).hasSize(1);

        ConfigurableApplicationContext second = start(email);
        assertThat(setupPasses(output.getOut())).hasSize(1);
        assertThat(tapSignIn(second, email, printed.get(0).toLowerCase(Locale.ROOT))).isEqualTo("/");
        assertPassOnlyInBanner(output.getAll(), printed.get(0));
    }

    @Test
    void reissueCommandWhenRunAsDocumentedThenPrintsAPassThatSignsIn(CapturedOutput output) {
        String email = "command-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        start(email).close();
        String firstPass = setupPasses(output.getOut()).get(0);
        int mark = output.getOut().length();
        runReissueCommand(email);
        List<String> reissued = setupPasses(output.getOut().substring(mark));
        assertThat(reissued).hasSize(1).doesNotContain(firstPass);
        ConfigurableApplicationContext service = start(email);
        assertThat(tapSignIn(service, email, reissued.get(0))).isEqualTo("/");
    }

    @Test
    void reissueWhenAdminExistsThenFreshPassPrintedAndZeroElseTwo(CapturedOutput output) {
        String email = "reissue-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        ConfigurableApplicationContext context = start(email);
        String firstPass = setupPasses(output.getOut()).get(0);
        SetupPassBootstrap bootstrap = context.getBean(SetupPassBootstrap.class);

        int mark = output.getOut().length();
        assertThat(bootstrap.reissue(email.toUpperCase(Locale.ROOT))).isZero();
        List<String> reissued = setupPasses(output.getOut().substring(mark));
        assertThat(reissued).hasSize(1);
        String freshPass = reissued.get(0);
        assertThat(freshPass).isNotEqualTo(firstPass);

        assertThat(tapSignIn(context, email, firstPass)).isEqualTo("/login/tap?error=invalid");
        assertThat(tapSignIn(context, email, freshPass)).isEqualTo("/");
        assertThat(tapSignIn(context, email, freshPass)).isEqualTo("/login/tap?error=used");

        Accounts accounts = context.getBean(Accounts.class);
        Account admin = accounts.findByEmail(email).orElseThrow();
        Account contact = accounts.create(new NewAccount("contact-" + UUID.randomUUID().toString().substring(0, 8)
                        + "@example.com", "Not An Admin", AccountKind.CONTACT, null, false),
                CurrentUser.of(admin, SignInMethod.PASSWORD, null, null, null));
        mark = output.getOut().length();
        assertThat(bootstrap.reissue("nobody-" + UUID.randomUUID() + "@example.com")).isEqualTo(2);
        assertThat(bootstrap.reissue(contact.email())).isEqualTo(2);
        assertThat(output.getOut().substring(mark)).doesNotContain("Setup pass:").contains("no setup pass was issued");
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        assertThat(jdbc.sql("select count(*) from temporary_access_passes where account_id = :id")
                .param("id", contact.id()).query(Long.class).single()).isZero();

        assertPassOnlyInBanner(output.getAll(), firstPass);
        assertPassOnlyInBanner(output.getAll(), freshPass);
        assertThat(output.getAll()).doesNotContain("Using generated security password");
    }
}

class BootstrapH2Tests extends BootstrapTests {

    @Override
    Map<String, Object> newDatabase(Path dir) {
        return Map.of(
                "spring.datasource.url", "jdbc:h2:file:" + dir.toAbsolutePath() + "/hd"
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "spring.datasource.username", "sa",
                "spring.datasource.password", "");
    }
}

class BootstrapPostgresTests extends BootstrapTests {

    @Override
    Map<String, Object> newDatabase(Path dir) {
        String name = "bootstrap_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return Map.of(
                "spring.datasource.url", EmbeddedPostgresInitializer.newDatabase(name),
                "spring.datasource.username", EmbeddedPostgresInitializer.user(),
                "spring.datasource.password", EmbeddedPostgresInitializer.password());
    }
}
