package org.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.AccountKind;
import org.helpdesk.accounts.Accounts;
import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.accounts.NewAccount;
import org.helpdesk.accounts.SignInMethod;
import org.helpdesk.passes.CharacterSet;
import org.helpdesk.passes.IssueRequest;
import org.helpdesk.passes.IssuedPass;
import org.helpdesk.passes.PassPurge;
import org.helpdesk.passes.TapPolicies;
import org.helpdesk.passes.TapPolicy;
import org.helpdesk.passes.TemporaryAccessPasses;
import org.helpdesk.mfa.PasskeyView;
import org.helpdesk.mfa.Passkeys;
import org.helpdesk.support.Browser;
import org.helpdesk.support.EmbeddedPostgresInitializer;
import org.helpdesk.support.TestAuthenticator;
import org.helpdesk.system.Timestamps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Scaling out (spec 10): two instances of the real application on one PostgreSQL database share one-time use,
 * throttling, the purge and sessions. Both run in this JVM, each on its own port, and are reached over HTTP.
 */
class TwoInstancesTests {

    private static final String PEPPER = "dHdvLWluc3RhbmNlcy10ZXN0LXBlcHBlci0zMi1ieXRlcy1sb25nIQ==";
    private static final int FREE_FAILURES = 20;
    private static final String USED = "/login/tap?error=used";
    private static final String INVALID = "/login/tap?error=invalid";

    @TempDir
    static Path dataDir;

    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;

    @BeforeAll
    static void startTwoInstances() {
        String name = "two_instances_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = EmbeddedPostgresInitializer.newDatabase(name);
        a = start(url);
        b = start(url);
    }

    @AfterAll
    static void stopBoth() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {a, b}) {
            if (context != null) {
                context.close();
            }
        }
    }

    /** Starts the real application; settings go in as command-line arguments, which outrank application.properties. */
    private static ConfigurableApplicationContext start(String databaseUrl) {
        return new SpringApplicationBuilder(HelpdeskApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=" + EmbeddedPostgresInitializer.user(),
                "--spring.datasource.password=" + EmbeddedPostgresInitializer.password(),
                "--helpdesk.data-dir=" + dataDir.toAbsolutePath(),
                "--helpdesk.passes.pepper=" + PEPPER,
                "--helpdesk.passes.purge-initial-delay=PT24H",
                "--helpdesk.passes.purge-batch-size=250",
                "--helpdesk.bootstrap.admin-email=first-admin@example.com",
                "--helpdesk.signin.throttle.free-failures=" + FREE_FAILURES,
                "--helpdesk.signin.throttle.first-delay=5m",
                "--helpdesk.signin.throttle.max-delay=15m",
                "--helpdesk.signin.throttle.address-max-failures=100000");
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private static JdbcClient jdbc() {
        return a.getBean(JdbcClient.class);
    }

    private static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static CurrentUser user(Account account) {
        return CurrentUser.of(account, SignInMethod.PASSWORD, null, null, null);
    }

    /** A new admin made on instance A, who issues passes to others. */
    private static CurrentUser newAdmin() {
        return user(a.getBean(Accounts.class).createFirstAdmin(uniqueEmail("admin"), "Admin Two Instances"));
    }

    private static Account newContact(CurrentUser admin) {
        return a.getBean(Accounts.class).create(new NewAccount(uniqueEmail("contact"), "Contact Two Instances",
                AccountKind.CONTACT, null, false), admin);
    }

    /** Enables the pass policy (on A; B reads the same row) and issues a pass to a new contact. */
    private static IssuedPass passForNewContact(CurrentUser admin, Account contact, boolean usableOnce) {
        a.getBean(TapPolicies.class).update(new TapPolicy(true, 10, 480, 60, false, 12, CharacterSet.BASE32), admin);
        return a.getBean(TemporaryAccessPasses.class).issue(contact.id(), new IssueRequest(null, 60, usableOnce), admin);
    }

    private static <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
        CountDownLatch ready = new CountDownLatch(tasks.size());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oneTimePassWhenTriedOnBothInstancesAtOnceThenAcceptedExactlyOnce() throws Exception {
        CurrentUser admin = newAdmin();
        Account contact = newContact(admin);
        IssuedPass pass = passForNewContact(admin, contact, true);

        int perInstance = 8;
        List<Browser> browsers = new ArrayList<>();
        List<Callable<String>> attempts = new ArrayList<>();
        for (int i = 0; i < 2 * perInstance; i++) {
            Browser browser = new Browser(port(i % 2 == 0 ? a : b));
            assertThat(browser.get("/login/tap").statusCode()).isEqualTo(200);
            assertThat(browser.cookie("SESSION")).isNull();
            assertThat(browser.cookie("CSRF")).isNotBlank();
            assertThat(browser.csrfToken()).isNotBlank();
            browsers.add(browser);
            HttpRequest request = browser.postRequest("/login/tap",
                    Map.of("username", contact.email(), "pass", pass.value()));
            attempts.add(() -> {
                HttpResponse<String> response = browser.send(request);
                return response.statusCode() + " " + browser.location(response);
            });
        }

        List<String> outcomes = runTogether(attempts);

        Map<String, Long> counted = outcomes.stream().collect(Collectors.groupingBy(o -> o, Collectors.counting()));
        assertThat(counted).containsOnlyKeys("302 /", "302 " + USED);
        assertThat(counted.get("302 /")).isEqualTo(1L);
        assertThat(counted.get("302 " + USED)).isEqualTo(2L * perInstance - 1);
        assertThat(jdbc().sql("select use_count from temporary_access_passes where id = :id")
                .param("id", pass.passId()).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc().sql("""
                        select count(*) from audit_events
                        where type = 'SIGN_IN' and outcome = 'success' and subject_id = :account""")
                .param("account", contact.id()).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc().sql("""
                        select count(*) from audit_events
                        where type = 'SIGN_IN' and outcome = 'failure' and reason = 'ONE_TIME_USED'
                          and subject_id = :account""")
                .param("account", contact.id()).query(Long.class).single()).isEqualTo(2L * perInstance - 1);
        long signedIn = browsers.stream()
                .filter(br -> ("/people/" + contact.id() + "/authentication").equals(br.location(br.get("/profile"))))
                .count();
        assertThat(signedIn).isEqualTo(1);
    }

    @Test
    void failuresOnBothInstancesAddUpAndThenBothInstancesThrottle() {
        CurrentUser admin = newAdmin();
        Account contact = newContact(admin);
        IssuedPass pass = passForNewContact(admin, contact, false);
        String key = "tap:" + contact.email().toLowerCase(Locale.ROOT);
        Browser onA = new Browser(port(a));
        Browser onB = new Browser(port(b));
        onA.get("/login/tap");
        onB.get("/login/tap");
        long throttledBefore = throttledInLog();
        String wrongPass = (pass.value().charAt(0) == '7' ? "8" : "7") + pass.value().substring(1);

        for (int i = 1; i <= FREE_FAILURES + 1; i++) {
            Browser browser = i % 2 == 1 ? onA : onB;
            // B is given the address in upper case: the count is kept per lower-cased address
            String typed = browser == onB ? contact.email().toUpperCase(Locale.ROOT) : contact.email();
            HttpResponse<String> response = browser.post("/login/tap", Map.of("username", typed, "pass", wrongPass));
            assertThat(response.statusCode()).as("attempt %d", i).isEqualTo(302);
            assertThat(browser.location(response)).as("attempt %d", i).isEqualTo(INVALID);
            assertThat(failures(key)).as("failures after attempt %d", i).isEqualTo(i);
            if (i <= FREE_FAILURES) {
                assertThat(blockedUntil(key)).as("after attempt %d", i).isNull();
            }
        }
        assertThat(blockedUntil(key)).isAfter(Instant.now());

        // past the free failures: the next attempt is throttled on either instance, even with the right pass
        for (Browser browser : List.of(onB, onA)) {
            HttpResponse<String> throttled = browser.post("/login/tap",
                    Map.of("username", contact.email(), "pass", pass.value()));
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("Retry-After")).isPresent()
                    .hasValueSatisfying(seconds -> assertThat(Long.parseLong(seconds)).isPositive());
            assertThat(browser.get("/profile").statusCode()).isEqualTo(302);
        }
        assertThat(failures(key)).isEqualTo(FREE_FAILURES + 1);
        assertThat(jdbc().sql("select use_count from temporary_access_passes where id = :id")
                .param("id", pass.passId()).query(Integer.class).single()).isZero();
        assertThat(throttledInLog() - throttledBefore).isEqualTo(2);
    }

    private static long throttledInLog() {
        return jdbc().sql("select count(*) from audit_events where type = 'SIGN_IN_THROTTLED'")
                .query(Long.class).single();
    }

    private static Integer failures(String key) {
        return jdbc().sql("select failures from signin_throttle where throttle_key = :key").param("key", key)
                .query(Integer.class).optional().orElse(0);
    }

    private static Instant blockedUntil(String key) {
        return jdbc().sql("select blocked_until from signin_throttle where throttle_key = :key").param("key", key)
                .query((rs, row) -> Timestamps.read(rs, "blocked_until")).optional().orElse(null);
    }

    @Test
    void purgeWhenRunOnBothInstancesAtOnceThenEachExpiredPassGoesOnceAndTheCountsAddUp() throws Exception {
        CurrentUser admin = newAdmin();
        Account contact = newContact(admin);
        int expired = 3000;
        JdbcClient jdbc = jdbc();
        long eventsBefore = purgedCountInLog();
        String verifier = "pbkdf2-sha256$1000$AAAA$AAAA";
        // expired 31 to 90 days ago, one-time ones among them used: all past the 30 days of retention
        jdbc.sql("""
                        insert into temporary_access_passes
                            (account_id, verifier, created_at, starts_at, ends_at, usable_once, used_at, use_count)
                        select :account, :verifier, now() - interval '100 days', now() - interval '100 days',
                               now() - interval '31 days' - (g % 60) * interval '1 day',
                               g % 3 = 0, case when g % 6 = 0 then now() - interval '95 days' end,
                               case when g % 6 = 0 then 1 else 0 end
                        from generate_series(1, :count) as g""")
                .param("account", contact.id()).param("verifier", verifier).param("count", expired).update();
        // must stay: ended less than 30 days ago (expired or used), live, or not yet valid
        int kept = 40;
        jdbc.sql("""
                        insert into temporary_access_passes
                            (account_id, verifier, created_at, starts_at, ends_at, usable_once, used_at, use_count)
                        select :account, :verifier, now() - interval '40 days',
                               case when g % 4 = 3 then now() + interval '1 day' else now() - interval '40 days' end,
                               case g % 4 when 0 then now() - interval '29 days'
                                          when 1 then now() - interval '1 hour'
                                          when 2 then now() + interval '2 hours'
                                          else now() + interval '2 days' end,
                               g % 2 = 1, case when g % 4 = 1 then now() - interval '2 days' end,
                               case when g % 4 = 1 then 1 else 0 end
                        from generate_series(1, :count) as g""")
                .param("account", contact.id()).param("verifier", verifier).param("count", kept).update();

        long[][] spans = new long[2][2];
        long released = System.nanoTime();
        List<Integer> removed = runTogether(List.of(
                () -> timed(spans[0], () -> a.getBean(PassPurge.class).purge()),
                () -> timed(spans[1], () -> b.getBean(PassPurge.class).purge())));
        System.out.printf(Locale.ROOT, "[two instances] purge removed %d on A (%d..%d ms) and %d on B (%d..%d ms)%n",
                removed.get(0), (spans[0][0] - released) / 1_000_000, (spans[0][1] - released) / 1_000_000,
                removed.get(1), (spans[1][0] - released) / 1_000_000, (spans[1][1] - released) / 1_000_000);

        assertThat(removed.get(0) + removed.get(1)).isEqualTo(expired);
        assertThat(jdbc.sql("select count(*) from temporary_access_passes where ends_at < now() - interval '30 days'")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from temporary_access_passes where account_id = :account")
                .param("account", contact.id()).query(Long.class).single()).isEqualTo(kept);
        assertThat(purgedCountInLog() - eventsBefore).isEqualTo(expired);
        assertThat(a.getBean(PassPurge.class).purge()).isZero();
        assertThat(b.getBean(PassPurge.class).purge()).isZero();
    }

    /** Runs the task, noting in {@code span} when it started and ended. */
    private static <T> T timed(long[] span, Callable<T> task) throws Exception {
        span[0] = System.nanoTime();
        try {
            return task.call();
        } finally {
            span[1] = System.nanoTime();
        }
    }

    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");

    /** The passes the event log says were purged, over all its PASSES_PURGED entries. */
    private static long purgedCountInLog() {
        return jdbc().sql("select details from audit_events where type = 'PASSES_PURGED'").query(String.class).list()
                .stream().mapToLong(details -> {
                    Matcher count = COUNT.matcher(details);
                    assertThat(count.find()).as(details).isTrue();
                    return Long.parseLong(count.group(1));
                }).sum();
    }

    @Test
    void sessionMadeOnOneInstanceWhenUsedOnTheOtherThenServedAndSignOutThereEndsItEverywhere() {
        Accounts accounts = a.getBean(Accounts.class);
        Account person = accounts.createFirstAdmin(uniqueEmail("session"), "Session Two Instances");
        String password = "two instances share sessions";
        accounts.changeOwnPassword(user(person), null, password);
        String profile = "/people/" + person.id() + "/authentication";

        Browser onA = new Browser(port(a));
        assertThat(onA.get("/login").statusCode()).isEqualTo(200);
        String before = onA.cookie("SESSION");
        HttpResponse<String> signIn = onA.post("/login", Map.of("username", person.email(), "password", password));
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(onA.location(signIn)).isEqualTo("/");
        String session = onA.cookie("SESSION");
        assertThat(session).isNotBlank().isNotEqualTo(before);
        assertThat(onA.location(onA.get("/profile"))).isEqualTo(profile);

        Browser onB = new Browser(port(b));
        onB.setCookie("SESSION", session);
        assertThat(onB.location(onB.get("/profile"))).isEqualTo(profile);
        assertThat(onB.get(profile).statusCode()).isEqualTo(200);
        assertThat(onB.csrfToken()).isNotBlank();

        HttpResponse<String> signOut = onB.post("/logout", Map.of());
        assertThat(signOut.statusCode()).isEqualTo(302);
        assertThat(onB.location(signOut)).isEqualTo("/login?signedOut");

        Browser backOnA = new Browser(port(a));
        backOnA.setCookie("SESSION", session);
        assertThat(backOnA.location(backOnA.get("/profile"))).isEqualTo("/login");
        assertThat(jdbc().sql("select count(*) from audit_events where type = 'SIGN_OUT' and subject_id = :id")
                .param("id", person.id()).query(Long.class).single()).isEqualTo(1);
    }

    /**
     * The options of both passkey ceremonies live in the session in the database: registration options asked of
     * A are answered on B, and sign-in options asked of B are answered on A.
     */
    @Test
    void passkeyOptionsAskedOfOneInstanceAreAnsweredOnTheOther() {
        Accounts accounts = a.getBean(Accounts.class);
        Account person = accounts.create(new NewAccount(uniqueEmail("passkey.two"), "Passkey Two Instances",
                AccountKind.CONTACT, null, false), newAdmin());
        String password = "a password for two instances";
        accounts.changeOwnPassword(user(person), null, password);
        String profile = "/people/" + person.id() + "/authentication";

        Browser onA = new Browser(port(a));
        onA.get("/login");
        onA.post("/login", Map.of("username", person.email(), "password", password));
        assertThat(onA.get(profile).statusCode()).isEqualTo(200);
        HttpResponse<String> creation = onA.postJson("/webauthn/register/options", null);
        assertThat(creation.statusCode()).isEqualTo(200);

        Browser onB = new Browser(port(b));
        onB.setCookie("SESSION", onA.cookie("SESSION"));
        assertThat(onB.get(profile).statusCode()).isEqualTo(200);
        TestAuthenticator authenticator = new TestAuthenticator();
        HttpResponse<String> registered = onB.postJson("/webauthn/register", authenticator.register(creation.body(), "Shared"));
        assertThat(registered.statusCode()).isEqualTo(200);
        assertThat(a.getBean(Passkeys.class).listFor(person.id())).extracting(PasskeyView::label).containsExactly("Shared");

        Browser signInOnB = new Browser(port(b));
        signInOnB.get("/login");
        HttpResponse<String> request = signInOnB.postJson("/webauthn/authenticate/options", null);
        assertThat(request.statusCode()).isEqualTo(200);
        Browser signInOnA = new Browser(port(a));
        signInOnA.setCookie("SESSION", signInOnB.cookie("SESSION"));
        signInOnA.get("/login");
        HttpResponse<String> signedIn = signInOnA.postJson("/login/webauthn", authenticator.signIn(request.body()));
        assertThat(signedIn.statusCode()).isEqualTo(200);
        Browser backOnB = new Browser(port(b));
        backOnB.setCookie("SESSION", signInOnA.cookie("SESSION"));
        assertThat(backOnB.location(backOnB.get("/profile"))).isEqualTo(profile);
    }
}
