package org.helpdesk.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Role;
import org.helpdesk.passes.IssuedPass;
import org.helpdesk.support.Browser;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.PostgresTest;
import org.junit.jupiter.api.Test;

/**
 * The second step of a password sign-in for a person with an authenticator app, over real HTTP: the right
 * password alone signs nobody in; a code of the app or a recovery code completes the sign-in as a password
 * sign-in; a wrong code gets one generic message; a code works once, even sent from two browsers at once.
 */
abstract class SecondFactorSignInTests extends IntegrationTestSupport {

    private static final String PASSWORD = "correct horse battery";
    private static final String STEP = "/login/second-factor";
    private static final Instant START = Instant.parse("2026-06-01T10:00:05Z");

    private record Person(Account account, AddedApp app) {
    }

    private Person personWithApp() throws Exception {
        clock.fixAt(START);
        Account agent = newAgent(Role.AGENT);
        accounts.changeOwnPassword(user(agent), null, PASSWORD);
        AddedApp app = addAuthenticatorApp(agent);
        // the code that confirmed the app is spent: sign-ins in these tests use the codes of later steps
        clock.fixAt(START.plusSeconds(30));
        return new Person(accounts.find(agent.id()).orElseThrow(), app);
    }

    /** A browser whose right password has brought it to the code page. */
    private Browser atSecondStep(Account account) {
        Browser browser = new Browser(port);
        browser.get("/login");
        HttpResponse<String> signIn = browser.post("/login", Map.of("username", account.email(), "password", PASSWORD));
        assertThat(browser.location(signIn)).isEqualTo(STEP);
        assertThat(browser.get(STEP).statusCode()).isEqualTo(200);
        return browser;
    }

    private String profileOf(Browser browser) {
        return browser.location(browser.get("/profile"));
    }

    private List<Map<String, Object>> signIns(Account account) {
        return jdbc.sql("select outcome, reason, details from audit_events where subject_id = :id and type = 'SIGN_IN' "
                + "order by id").param("id", account.id()).query().listOfRows();
    }

    @Test
    void rightPasswordThenRightCodeSignsInAsAPasswordSignInWithANewSession() throws Exception {
        Person person = personWithApp();
        Browser browser = new Browser(port);
        browser.get("/login");
        String first = browser.cookie("SESSION");
        HttpResponse<String> signIn = browser.post("/login",
                Map.of("username", person.account().email(), "password", PASSWORD));
        assertThat(browser.location(signIn)).isEqualTo(STEP);
        assertThat(profileOf(browser)).as("not signed in yet").isEqualTo("/login");
        assertThat(signIns(person.account())).isEmpty();

        HttpResponse<String> page = browser.get(STEP);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("name=\"code\"").doesNotContain("id=\"code-error\"");
        String pending = browser.cookie("SESSION");
        Instant codeTyped = clock.instant();
        HttpResponse<String> done = browser.post(STEP, Map.of("code", totpCode(person.app().secret(), clock.instant())));
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(browser.location(done)).as("on to the page asked for before").isEqualTo("/profile?continue");
        assertThat(browser.cookie("SESSION")).isNotEqualTo(first).isNotEqualTo(pending);
        assertThat(signedInAs(browser).signedInAt()).as("the absolute timeout runs from the code")
                .isBetween(codeTyped, clock.instant());
        assertThat(profileOf(browser)).isEqualTo("/people/" + person.account().id() + "/authentication");
        assertThat(browser.get("/people/" + person.account().id() + "/authentication").body())
                .contains("id=\"authenticator-app-state\"");

        List<Map<String, Object>> events = signIns(person.account());
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("outcome")).isEqualTo("success");
        assertThat(String.valueOf(events.get(0).get("details"))).contains("\"method\":\"password\"")
                .contains("\"secondFactor\":\"authenticator_app\"");
        assertThat(jdbc.sql("select count(*) from audit_events where subject_id = :id and type = 'SIGN_IN' "
                + "and outcome = 'success'").param("id", person.account().id()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aWrongCodeGetsTheGenericMessageAndDoesNotSignIn() throws Exception {
        Person person = personWithApp();
        Browser browser = atSecondStep(person.account());
        HttpResponse<String> wrong = browser.post(STEP, Map.of("code", "000000".equals(
                totpCode(person.app().secret(), clock.instant())) ? "111111" : "000000"));
        assertThat(browser.location(wrong)).isEqualTo(STEP + "?error");
        HttpResponse<String> page = browser.get(STEP + "?error");
        assertThat(page.body()).contains("id=\"code-error\"").contains("That code did not work.")
                .contains("aria-describedby=\"code-hint code-error\"");
        assertThat(profileOf(browser)).isEqualTo("/login");
        for (String bad : List.of("", "abc", "1234567", "x".repeat(5000))) {
            assertThat(browser.location(browser.post(STEP, Map.of("code", bad)))).isEqualTo(STEP + "?error");
        }
        assertThat(signIns(person.account())).allSatisfy(e -> {
            assertThat(e.get("outcome")).isEqualTo("failure");
            assertThat(e.get("reason")).isEqualTo("WRONG_CODE");
        });
        HttpResponse<String> right = browser.post(STEP, Map.of("code", totpCode(person.app().secret(), clock.instant())));
        assertThat(browser.location(right)).isEqualTo("/profile?continue");
    }

    @Test
    void aUsedCodeIsRefusedInTheNextSignIn() throws Exception {
        Person person = personWithApp();
        String code = totpCode(person.app().secret(), clock.instant());
        Browser first = atSecondStep(person.account());
        assertThat(first.location(first.post(STEP, Map.of("code", code)))).isEqualTo("/");
        Browser second = atSecondStep(person.account());
        assertThat(second.location(second.post(STEP, Map.of("code", code)))).isEqualTo(STEP + "?error");
        clock.advance(Duration.ofSeconds(30));
        assertThat(second.location(second.post(STEP, Map.of("code", totpCode(person.app().secret(), clock.instant())))))
                .isEqualTo("/");
    }

    @Test
    void theStepEndsAfterFiveMinutes() throws Exception {
        Person person = personWithApp();
        Browser browser = atSecondStep(person.account());
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        HttpResponse<String> late = browser.post(STEP, Map.of("code", totpCode(person.app().secret(), clock.instant())));
        assertThat(browser.location(late)).isEqualTo("/login?sessionEnded");
        assertThat(browser.location(browser.get(STEP))).isEqualTo("/login");
        assertThat(profileOf(browser)).isEqualTo("/login");
    }

    @Test
    void theCodePageWithoutAStepSendsToSignIn() throws Exception {
        Browser browser = new Browser(port);
        assertThat(browser.location(browser.get(STEP))).isEqualTo("/login");
        browser.get("/login");
        assertThat(browser.location(browser.post(STEP, Map.of("code", "123456")))).isEqualTo("/login?sessionEnded");
    }

    @Test
    void aRecoveryCodeSignsInOnceAndIsAuditedWithoutAMail() throws Exception {
        Person person = personWithApp();
        int mails = jdbc.sql("select count(*) from notification_outbox where account_id = :id")
                .param("id", person.account().id()).query(Integer.class).single();
        String code = person.app().recoveryCodes().get(0);
        Browser browser = atSecondStep(person.account());
        assertThat(browser.location(browser.post(STEP, Map.of("code", " " + code.toLowerCase().replace("-", " ")))))
                .isEqualTo("/");
        assertThat(String.valueOf(signIns(person.account()).get(0).get("details")))
                .contains("\"secondFactor\":\"recovery_code\"");
        assertThat(jdbc.sql("select details from audit_events where subject_id = :id and type = 'RECOVERY_CODE_USED'")
                .param("id", person.account().id()).query(String.class).single()).contains("\"left\":9");
        assertThat(jdbc.sql("select count(*) from notification_outbox where account_id = :id")
                .param("id", person.account().id()).query(Integer.class).single()).isEqualTo(mails);

        Browser again = atSecondStep(person.account());
        assertThat(again.location(again.post(STEP, Map.of("code", code)))).isEqualTo(STEP + "?error");
    }

    @Test
    void theSameRecoveryCodeFromTwoBrowsersAtOnceSignsInExactlyOne() throws Exception {
        Person person = personWithApp();
        String code = person.app().recoveryCodes().get(1);
        assertThat(race(person.account(), code)).containsExactlyInAnyOrder("/", STEP + "?error");
        assertThat(jdbc.sql("select count(*) from recovery_codes where account_id = :id and used_at is not null")
                .param("id", person.account().id()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void theSameAppCodeFromTwoBrowsersAtOnceSignsInExactlyOne() throws Exception {
        Person person = personWithApp();
        assertThat(race(person.account(), totpCode(person.app().secret(), clock.instant())))
                .containsExactlyInAnyOrder("/", STEP + "?error");
    }

    /** Two browsers at the code page send the same code at the same moment; where each is sent next. */
    private List<String> race(Account account, String code) throws Exception {
        List<Browser> browsers = List.of(atSecondStep(account), atSecondStep(account));
        List<HttpRequest> requests = browsers.stream().map(b -> b.postRequest(STEP, Map.of("code", code))).toList();
        CountDownLatch ready = new CountDownLatch(2);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Browser browser = browsers.get(i);
                HttpRequest request = requests.get(i);
                outcomes.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return browser.location(browser.send(request));
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPassSignInNeverAsksForACode() throws Exception {
        Person person = personWithApp();
        enableTap();
        IssuedPass pass = issue(person.account());
        Browser browser = new Browser(port);
        browser.get("/login/tap");
        HttpResponse<String> signIn = browser.post("/login/tap",
                Map.of("username", person.account().email(), "pass", pass.value()));
        assertThat(browser.location(signIn)).isEqualTo("/");
        assertThat(profileOf(browser)).isEqualTo("/people/" + person.account().id() + "/authentication");
    }

    @Test
    void aWrongPasswordNeverReachesTheCodePage() throws Exception {
        Person person = personWithApp();
        Browser browser = new Browser(port);
        browser.get("/login");
        HttpResponse<String> signIn = browser.post("/login",
                Map.of("username", person.account().email(), "password", PASSWORD + "x"));
        assertThat(browser.location(signIn)).isEqualTo("/login?error");
        assertThat(browser.location(browser.get(STEP))).isEqualTo("/login");
    }

    @Test
    void aSignInStartedBeforeTheAccountWasDisabledCannotBeCompleted() throws Exception {
        Person person = personWithApp();
        Browser browser = atSecondStep(person.account());
        accounts.setActive(person.account().id(), false, user(newAdmin()));
        HttpResponse<String> done = browser.post(STEP, Map.of("code", totpCode(person.app().secret(), clock.instant())));
        assertThat(browser.location(done)).isEqualTo(STEP + "?error");
        assertThat(profileOf(browser)).isEqualTo("/login");
    }
}

@H2Test
class SecondFactorSignInH2Tests extends SecondFactorSignInTests {
}

@PostgresTest
class SecondFactorSignInPostgresTests extends SecondFactorSignInTests {
}
