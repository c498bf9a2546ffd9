package org.helpdesk.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.InvalidInputException;
import org.helpdesk.accounts.Role;
import org.helpdesk.passes.CharacterSet;
import org.helpdesk.passes.IssueRequest;
import org.helpdesk.passes.IssuedPass;
import org.helpdesk.passes.PassState;
import org.helpdesk.passes.TapPolicy;
import org.helpdesk.support.Browser;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.MockSessionIdResolver;
import org.helpdesk.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;

/** Signing in with a Temporary Access Pass (spec 5, 6; security: TAP and sessions). */
abstract class TapSignInTests extends IntegrationTestSupport {

    private static final String INVALID = "/login/tap?error=invalid";
    private static final String EXPIRED = "/login/tap?error=expired";
    private static final String USED = "/login/tap?error=used";
    private static final String NOT_YET_VALID = "/login/tap?error=notYetValid";

    private static MockHttpSession sessionOf(ResultActions result) {
        return (MockHttpSession) result.andReturn().getRequest().getSession();
    }

    /** The same pass with one character changed: right format, wrong pass. */
    private static String wrong(String pass) {
        char first = pass.charAt(0);
        char other = first == '7' ? '8' : '7';
        return other + pass.substring(1);
    }

    private void assertNotSignedIn(MockHttpSession session) throws Exception {
        String target = mvc.perform(get("/profile").session(session)).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(target).endsWith("/login");
    }

    private Map<String, Object> passRow(long passId) {
        return jdbc.sql("select use_count, used_at, last_used_at from temporary_access_passes where id = :id")
                .param("id", passId).query().singleRow();
    }

    private int useCount(long passId) {
        return ((Number) passRow(passId).get("use_count")).intValue();
    }

    private PassState stateOf(Account person, long passId) {
        return passes.list(person.id(), user(newAdmin())).stream().filter(p -> p.id() == passId)
                .findFirst().orElseThrow().state();
    }

    /** Freezes the test clock on a whole second, so that times survive the trip through the database. */
    private Instant freezeClock() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.fixAt(now);
        return now;
    }

    @Test
    void signInPageWhenOpenedThenPassFieldIsOneTimeCodeWithCsrfToken() throws Exception {
        mvc.perform(get("/login/tap")).andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"_csrf\"")))
                .andExpect(content().string(containsString("autocomplete=\"one-time-code\"")))
                .andExpect(content().string(not(containsString("id=\"tap-error\""))));
        mvc.perform(get("/login")).andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/login/tap\"")));
    }

    @Test
    void signInPageWhenErrorGivenThenShowsItsMessageAndUnknownErrorsAsInvalid() throws Exception {
        mvc.perform(get("/login/tap").param("error", "expired"))
                .andExpect(content().string(containsString("This pass has expired.")));
        mvc.perform(get("/login/tap").param("error", "used"))
                .andExpect(content().string(containsString("has been used")));
        mvc.perform(get("/login/tap").param("error", "notYetValid"))
                .andExpect(content().string(containsString("This pass is not valid yet.")));
        for (String error : List.of("invalid", "<script>", "tap.error.used")) {
            mvc.perform(get("/login/tap").param("error", error)).andExpect(status().isOk())
                    .andExpect(content().string(containsString("The email address or pass is not right")))
                    .andExpect(content().string(not(containsString("<script>"))));
        }
    }

    @Test
    void signInWhenEveryConditionHoldsThenSignedInWithNewSession() throws Exception {
        enableTap();
        Account contact = newContact(false);
        IssuedPass pass = issue(contact);
        MockHttpSession session = new MockHttpSession();
        mvc.perform(get("/login/tap").session(session)).andExpect(status().isOk());
        String before = MockSessionIdResolver.databaseSessionId(session);
        assertThat(before).isNotBlank();
        ResultActions result = mvc.perform(post("/login/tap").session(session).with(csrf())
                        .param("username", contact.email()).param("pass", pass.value()))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/"));
        MockHttpSession signedIn = sessionOf(result);
        assertThat(MockSessionIdResolver.databaseSessionId(signedIn)).isNotBlank().isNotEqualTo(before);
        mvc.perform(get("/").session(signedIn)).andExpect(redirectedUrl("/profile"));
        mvc.perform(get("/profile").session(signedIn))
                .andExpect(redirectedUrl("/people/" + contact.id() + "/authentication"));
        mvc.perform(get("/people/" + contact.id() + "/authentication").session(signedIn)).andExpect(status().isOk());
        mvc.perform(get("/login/tap").session(signedIn)).andExpect(redirectedUrl("/"));
    }

    @Test
    void signInWhenAgentThenHomeLeadsOnwardNotToSignIn() throws Exception {
        enableTap();
        Account manager = newAgent(Role.MANAGER);
        IssuedPass pass = issue(manager);
        MockHttpSession session = sessionOf(tapSignIn(manager.email().toUpperCase(Locale.ROOT), pass.value())
                .andExpect(redirectedUrl("/")));
        // a pass session is first taken to set up a lasting method (spec 2, 5), and may then go anywhere
        mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/profile"));
        mvc.perform(get("/agents").session(session)).andExpect(status().isOk());
    }

    @Test
    void signInWhenPassTypedInLowerCaseWithSpacesOrHyphensThenAccepted() throws Exception {
        enableTap();
        Account contact = newContact(false);
        IssuedPass pass = issue(contact);
        String value = pass.value();
        String spaced = String.join(" ", value.split("(?<=\\G.{3})"));
        for (String typed : List.of(value.toLowerCase(Locale.ROOT), pass.grouped(),
                pass.grouped().toLowerCase(Locale.ROOT), spaced, " " + value + " ",
                pass.grouped().replace("-", " - "))) {
            tapSignIn(contact.email(), typed).andExpect(redirectedUrl("/"));
        }
        assertThat(useCount(pass.passId())).isEqualTo(6);
    }

    @Test
    void signInWhenLookAlikesTypedForZeroAndOneThenAccepted() throws Exception {
        setPolicy(new TapPolicy(true, 10, 480, 60, false, 10, CharacterSet.DIGITS));
        Account contact = newContact(false);
        IssuedPass pass = issue(contact);
        for (int i = 0; i < 100 && !(pass.value().contains("0") && pass.value().contains("1")); i++) {
            pass = issue(contact);
        }
        String value = pass.value();
        assertThat(value).contains("0").contains("1");
        for (String typed : List.of(value.replace('0', 'O').replace('1', 'I'),
                value.replace('0', 'o').replace('1', 'l'),
                value.replace('0', 'O').replace('1', 'L'),
                value.replace('1', 'i'))) {
            tapSignIn(contact.email(), typed).andExpect(redirectedUrl("/"));
        }
        tapSignIn(contact.email(), value.replace('0', 'Q')).andExpect(redirectedUrl(INVALID));
    }

    @Test
    void signInWhenAccountUnknownThenGenericError() throws Exception {
        enableTap();
        Account contact = newContact(false);
        IssuedPass pass = issue(contact);
        MockHttpSession session = sessionOf(tapSignIn(uniqueEmail("nobody"), pass.value())
                .andExpect(status().isFound()).andExpect(redirectedUrl(INVALID)));
        assertNotSignedIn(session);
        tapSignIn("not an address", pass.value()).andExpect(redirectedUrl(INVALID));
        tapSignIn("", pass.value()).andExpect(redirectedUrl(INVALID));
        assertThat(useCount(pass.passId())).isZero();
    }

    @Test
    void signInWhenPassWrongOrMalformedThenGenericError() throws Exception {
        enableTap();
        Account contact = newContact(false);
        IssuedPass pass = issue(contact);
        MockHttpSession session = sessionOf(tapSignIn(contact.email(), wrong(pass.value()))
                .andExpect(status().isFound()).andExpect(redirectedUrl(INVALID)));
        assertNotSignedIn(session);
        for (String typed : List.of("", "!!!!!!!!!!!!", "UUUUUUUUUUUU", pass.value().substring(0, 7),
                pass.value() + pass.value().charAt(0), "X".repeat(121), pass.value() + "\u0000")) {
            tapSignIn(contact.email(), typed).andExpect(status().isFound()).andExpect(redirectedUrl(INVALID));
        }
        mvc.perform(post("/login/tap").param("username", contact.email()).with(csrf()))
                .andExpect(redirectedUrl(INVALID));
        assertThat(useCount(pass.passId())).isZero();
    }

    @Test
    void signInWhenAccountDisabledThenGenericErrorEvenWithRightPass() throws Exception {
        enableTap();
        Account contact = newContact(false);
        IssuedPass pass = issue(contact);
        accounts.setActive(contact.id(), false, user(newAdmin()));
        MockHttpSession session = sessionOf(tapSignIn(contact.email(), pass.value())
                .andExpect(status().isFound()).andExpect(redirectedUrl(INVALID)));
        assertNotSignedIn(session);
        assertThat(useCount(pass.passId())).isZero();
    }

    @Test
    void signInWhenAccountHasNoPassThenGenericError() throws Exception {
        enableTap();
        Account contact = newContact(false);
        Account other = newContact(false);
        IssuedPass othersPass = issue(other);
        tapSignIn(contact.email(), othersPass.value()).andExpect(status().isFound()).andExpect(redirectedUrl(INVALID));
        assertThat(useCount(othersPass.passId())).isZero();
    }

    @Test
    void signInWhenPolicyDisabledThenPassDisabledByPolicyAndGenericError() throws Exception {
        TapPolicy enabled = enableTap();
        Account contact = newContact(false);
        IssuedPass pass = issue(contact);
        setPolicy(new TapPolicy(false, enabled.minimumLifetimeInMinutes(), enabled.maximumLifetimeInMinutes(),
                enabled.defaultLifetimeInMinutes(), false, enabled.defaultLength(), enabled.characterSet()));
        assertThat(stateOf(contact, pass.passId())).isEqualTo(PassState.DisabledByPolicy);
        MockHttpSession session = sessionOf(tapSignIn(contact.email(), pass.value())
                .andExpect(status().isFound()).andExpect(redirectedUrl(INVALID)));
        assertNotSignedIn(session);

        enableTap();
        assertThat(stateOf(contact, pass.passId())).isEqualTo(PassState.EnabledByPolicy);
        tapSignIn(contact.email(), pass.value()).andExpect(redirectedUrl("/"));
    }

    @Test
    void signInWhenPolicyNowRequiresOneTimeAndPassReusableThenGenericError() throws Exception {
        enableTap();
        Account contact = newContact(false);
        IssuedPass pass = issue(contact, new IssueRequest(null, null, false));
        setPolicy(new TapPolicy(true, 10, 480, 60, true, 12, CharacterSet.BASE32));
        assertThat(stateOf(contact, pass.passId())).isEqualTo(PassState.DisabledByPolicy);
        tapSignIn(contact.email(), pass.value()).andExpect(redirectedUrl(INVALID));
        assertThat(useCount(pass.passId())).isZero();
    }

    @Test
    void signInWhenSetupPassAndPolicyDisabledThenAccepted() throws Exception {
        setPolicy(TapPolicy.DEFAULTS);
        Account admin = newAdmin();
        IssuedPass setup = passes.issueSetupPass(admin.id(), Duration.ofMinutes(60));
        assertThat(policies.current().enabled()).isFalse();
        tapSignIn(admin.email(), setup.grouped()).andExpect(redirectedUrl("/"));
        tapSignIn(admin.email(), setup.grouped()).andExpect(redirectedUrl(USED));
    }

    @Test
    void signInWhenPassExpiredThenExpiredOnlyWithTheRightPass() throws Exception {
        enableTap();
        Account contact = newContact(false);
        IssuedPass pass = issue(contact, new IssueRequest(null, 30, false));
        clock.advance(Duration.ofMinutes(31));
        MockHttpSession session = sessionOf(tapSignIn(contact.email(), pass.value())
                .andExpect(status().isFound()).andExpect(redirectedUrl(EXPIRED)));
        assertNotSignedIn(session);
        tapSignIn(contact.email(), wrong(pass.value())).andExpect(redirectedUrl(INVALID));
        tapSignIn(uniqueEmail("nobody"), pass.value()).andExpect(redirectedUrl(INVALID));
        assertThat(useCount(pass.passId())).isZero();
    }

    @Test
    void signInWhenNowIsTheEndOfThePassThenExpiredAndJustBeforeThenAccepted() throws Exception {
        Instant now = freezeClock();
        enableTap();
        Account contact = newContact(false);
        IssuedPass pass = issue(contact, new IssueRequest(null, 30, false));
        assertThat(pass.endsAt()).isEqualTo(now.plus(Duration.ofMinutes(30)));
        clock.fixAt(pass.endsAt().minusSeconds(1));
        tapSignIn(contact.email(), pass.value()).andExpect(redirectedUrl("/"));
        clock.fixAt(pass.endsAt());
        tapSignIn(contact.email(), pass.value()).andExpect(redirectedUrl(EXPIRED));
    }

    @Test
    void signInWhenPassNotYetValidThenNotYetValidOnlyWithTheRightPassAndAcceptedFromItsStart() throws Exception {
        Instant now = freezeClock();
        enableTap();
        Account contact = newContact(false);
        Instant start = now.plus(Duration.ofHours(2));
        IssuedPass pass = issue(contact, new IssueRequest(start, 60, true));
        MockHttpSession session = sessionOf(tapSignIn(contact.email(), pass.value())
                .andExpect(status().isFound()).andExpect(redirectedUrl(NOT_YET_VALID)));
        assertNotSignedIn(session);
        tapSignIn(contact.email(), wrong(pass.value())).andExpect(redirectedUrl(INVALID));
        clock.fixAt(start.minusSeconds(1));
        tapSignIn(contact.email(), pass.value()).andExpect(redirectedUrl(NOT_YET_VALID));
        assertThat(passRow(pass.passId()).get("used_at")).isNull();
        clock.fixAt(start);
        tapSignIn(contact.email(), pass.value()).andExpect(redirectedUrl("/"));
    }

    @Test
    void signInWhenOneTimePassUsedThenUsedOnlyWithTheRightPass() throws Exception {
        enableTap();
        Account contact = newContact(false);
        IssuedPass pass = issue(contact, new IssueRequest(null, null, true));
        tapSignIn(contact.email(), pass.value()).andExpect(redirectedUrl("/"));
        MockHttpSession session = sessionOf(tapSignIn(contact.email(), pass.value())
                .andExpect(status().isFound()).andExpect(redirectedUrl(USED)));
        assertNotSignedIn(session);
        tapSignIn(contact.email(), pass.grouped().toLowerCase(Locale.ROOT)).andExpect(redirectedUrl(USED));
        tapSignIn(contact.email(), wrong(pass.value())).andExpect(redirectedUrl(INVALID));
        assertThat(useCount(pass.passId())).isEqualTo(1);
        assertThat(passRow(pass.passId()).get("used_at")).isNotNull();
        assertThat(stateOf(contact, pass.passId())).isEqualTo(PassState.OneTimeUsed);
    }

    @Test
    void signInWhenPassReusableThenWorksRepeatedlyAndCountsUses() throws Exception {
        enableTap();
        Account contact = newContact(false);
        IssuedPass pass = issue(contact, new IssueRequest(null, 60, false));
        for (int i = 1; i <= 3; i++) {
            tapSignIn(contact.email(), pass.value()).andExpect(redirectedUrl("/"));
            assertThat(useCount(pass.passId())).isEqualTo(i);
            clock.advance(Duration.ofMinutes(10));
        }
        assertThat(passRow(pass.passId()).get("used_at")).isNull();
        assertThat(passRow(pass.passId()).get("last_used_at")).isNotNull();
        clock.advance(Duration.ofMinutes(31));
        tapSignIn(contact.email(), pass.value()).andExpect(redirectedUrl(EXPIRED));
        assertThat(useCount(pass.passId())).isEqualTo(3);
    }

    @Test
    void guestWhenPassThenSignedInButPasswordNeverWorks() throws Exception {
        enableTap();
        Account guest = newContact(true);
        IssuedPass pass = issue(guest);
        MockHttpSession session = sessionOf(tapSignIn(guest.email(), pass.value()).andExpect(redirectedUrl("/")));
        mvc.perform(get("/profile").session(session))
                .andExpect(redirectedUrl("/people/" + guest.id() + "/authentication"));

        String password = "guests have none of these";
        mvc.perform(post("/profile/password").session(session).with(csrf())
                        .param("newPassword", password).param("confirmPassword", password))
                .andExpect(redirectedUrl("/people/" + guest.id() + "/authentication"));
        assertThat(accounts.find(guest.id()).orElseThrow().hasPassword()).isFalse();
        assertThatThrownBy(() -> accounts.changeOwnPassword(user(guest), null, password))
                .isInstanceOf(InvalidInputException.class);
        passwordSignIn(guest.email(), password).andExpect(redirectedUrl("/login?error"));
        passwordSignIn(guest.email(), pass.value()).andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void signInWhenCsrfTokenMissingThenForbiddenAndPassNotUsed() throws Exception {
        enableTap();
        Account contact = newContact(false);
        IssuedPass pass = issue(contact, new IssueRequest(null, null, true));
        mvc.perform(post("/login/tap").param("username", contact.email()).param("pass", pass.value()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/login/tap").with(csrf().useInvalidToken())
                        .param("username", contact.email()).param("pass", pass.value()))
                .andExpect(status().isForbidden());
        assertThat(useCount(pass.passId())).isZero();
        tapSignIn(contact.email(), pass.value()).andExpect(redirectedUrl("/"));
    }

    @Test
    void signInWhenSuccessfulThenCsrfTokenFromBeforeSignInNoLongerAccepted() {
        enableTap();
        Account contact = newContact(false);
        IssuedPass pass = issue(contact);
        Browser browser = new Browser(port);
        browser.get("/login/tap");
        String tokenBefore = browser.csrfToken();
        HttpResponse<String> signIn = browser.post("/login/tap",
                Map.of("username", contact.email(), "pass", pass.value()));
        assertThat(browser.location(signIn)).isEqualTo("/");

        String password = "set after a pass sign-in";
        Map<String, String> form = Map.of("newPassword", password, "confirmPassword", password);
        Map<String, String> withOldToken = new java.util.HashMap<>(form);
        withOldToken.put("_csrf", tokenBefore);
        assertThat(browser.post("/profile/password", withOldToken).statusCode()).isEqualTo(403);
        assertThat(accounts.find(contact.id()).orElseThrow().hasPassword()).isFalse();

        assertThat(browser.get("/people/" + contact.id() + "/authentication").statusCode()).isEqualTo(200);
        assertThat(browser.csrfToken()).isNotEqualTo(tokenBefore);
        HttpResponse<String> withNewToken = browser.post("/profile/password", form);
        assertThat(browser.location(withNewToken)).isEqualTo("/people/" + contact.id() + "/authentication");
        assertThat(accounts.find(contact.id()).orElseThrow().hasPassword()).isTrue();
    }

    @Test
    void signInWhenManySimultaneousAttemptsWithOneOneTimePassThenExactlyOneSucceeds() throws Exception {
        enableTap();
        Account contact = newContact(false);
        IssuedPass pass = issue(contact, new IssueRequest(null, null, true));
        int attempts = 16;
        List<Browser> browsers = new ArrayList<>();
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            Browser browser = new Browser(port);
            assertThat(browser.get("/login/tap").statusCode()).isEqualTo(200);
            assertThat(browser.cookie("SESSION")).isNotBlank();
            assertThat(browser.csrfToken()).isNotBlank();
            browsers.add(browser);
            requests.add(browser.postRequest("/login/tap", Map.of("username", contact.email(), "pass", pass.value())));
        }
        CountDownLatch ready = new CountDownLatch(attempts);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                Browser browser = browsers.get(i);
                HttpRequest request = requests.get(i);
                outcomes.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    HttpResponse<String> response = browser.send(request);
                    return response.statusCode() + " " + browser.location(response);
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get(60, TimeUnit.SECONDS));
            }
            Map<String, Long> counted = results.stream()
                    .collect(Collectors.groupingBy(r -> r, Collectors.counting()));
            assertThat(counted).containsOnlyKeys("302 /", "302 " + USED);
            assertThat(counted.get("302 /")).isEqualTo(1L);
            assertThat(counted.get("302 " + USED)).isEqualTo(attempts - 1L);
        } finally {
            pool.shutdownNow();
        }
        assertThat(useCount(pass.passId())).isEqualTo(1);
        assertThat(passRow(pass.passId()).get("used_at")).isNotNull();
        long signedIn = browsers.stream()
                .filter(b -> ("/people/" + contact.id() + "/authentication").equals(b.location(b.get("/profile"))))
                .count();
        assertThat(signedIn).isEqualTo(1);
    }

    @Test
    void sessionWhenPassEndsThenSessionEnds() throws Exception {
        enableTap();
        Account contact = newContact(false);
        IssuedPass pass = issue(contact, new IssueRequest(null, 60, false));
        MockHttpSession session = sessionOf(tapSignIn(contact.email(), pass.value()).andExpect(redirectedUrl("/")));
        mvc.perform(get("/profile").session(session))
                .andExpect(redirectedUrl("/people/" + contact.id() + "/authentication"));
        clock.advance(Duration.ofMinutes(59));
        mvc.perform(get("/profile").session(session))
                .andExpect(redirectedUrl("/people/" + contact.id() + "/authentication"));
        clock.advance(Duration.ofMinutes(2));
        mvc.perform(get("/profile").session(session)).andExpect(redirectedUrl("/login?sessionEnded"));
        clock.reset();
        assertNotSignedIn(session);
    }

    @Test
    void sessionWhenPassShorterThanIdleTimeoutThenSessionTimesOutByThePassEnd() throws Exception {
        enableTap();
        Account contact = newContact(false);
        IssuedPass pass = issue(contact, new IssueRequest(null, 10, false));
        MockHttpSession session = sessionOf(tapSignIn(contact.email(), pass.value()).andExpect(redirectedUrl("/")));
        int maxInactive = jdbc.sql("select max_inactive_interval from spring_session where session_id = :id")
                .param("id", MockSessionIdResolver.databaseSessionId(session)).query(Integer.class).single();
        assertThat(maxInactive).isPositive().isLessThanOrEqualTo(10 * 60);
    }

    @Test
    void sessionWhenItsPassIsDeletedThenSessionEnds() throws Exception {
        enableTap();
        Account admin = newAdmin();
        Account contact = newContact(false);
        IssuedPass pass = issue(contact);
        MockHttpSession session = sessionOf(tapSignIn(contact.email(), pass.value()).andExpect(redirectedUrl("/")));
        mvc.perform(get("/profile").session(session))
                .andExpect(redirectedUrl("/people/" + contact.id() + "/authentication"));
        mvc.perform(post("/people/" + contact.id() + "/passes/" + pass.passId() + "/delete")
                        .with(as(admin)).with(csrf()))
                .andExpect(redirectedUrl("/people/" + contact.id() + "/authentication"));
        assertThat(passes.exists(pass.passId())).isFalse();
        mvc.perform(get("/profile").session(session)).andExpect(redirectedUrl("/login?sessionEnded"));
        assertNotSignedIn(session);
    }

    @Test
    void sessionWhenPasswordSessionAndAPassIsDeletedThenSessionGoesOn() throws Exception {
        enableTap();
        Account agent = newAgent(Role.AGENT);
        accounts.changeOwnPassword(user(agent), null, "correct horse battery");
        IssuedPass pass = issue(agent);
        MockHttpSession session = sessionOf(passwordSignIn(agent.email(), "correct horse battery"));
        passes.delete(agent.id(), pass.passId(), user(newAdmin()));
        mvc.perform(get("/profile").session(session))
                .andExpect(redirectedUrl("/people/" + agent.id() + "/authentication"));
    }

    @Test
    void storedVerifierWhenPassIssuedThenNeverContainsThePass() {
        enableTap();
        Account shortPassHolder = newContact(false);
        IssuedPass shortPass = issue(shortPassHolder);
        setPolicy(new TapPolicy(true, 10, 480, 60, false, 24, CharacterSet.BASE32));
        Account longPassHolder = newContact(false);
        IssuedPass longPass = issue(longPassHolder);
        setPolicy(new TapPolicy(true, 10, 480, 60, false, 8, CharacterSet.DIGITS));
        Account digitsHolder = newContact(false);
        IssuedPass digitsPass = issue(digitsHolder);
        Account admin = newAdmin();
        IssuedPass setupPass = passes.issueSetupPass(admin.id(), Duration.ofMinutes(60));

        String table = jdbc.sql("select * from temporary_access_passes").query().listOfRows().stream()
                .map(row -> row.values().stream().map(String::valueOf).collect(Collectors.joining("|")))
                .collect(Collectors.joining("\n"));
        for (IssuedPass pass : List.of(shortPass, longPass, digitsPass, setupPass)) {
            assertThat(table).doesNotContain(pass.value()).doesNotContain(pass.grouped())
                    .doesNotContain(pass.value().toLowerCase(Locale.ROOT))
                    .doesNotContain(pass.grouped().toLowerCase(Locale.ROOT));
        }
        assertThat(verifierOf(shortPass)).startsWith("pbkdf2-sha256$");
        assertThat(verifierOf(digitsPass)).startsWith("pbkdf2-sha256$");
        assertThat(verifierOf(longPass)).startsWith("hmac-sha256$");
        assertThat(verifierOf(setupPass)).startsWith("hmac-sha256$");
    }

    private String verifierOf(IssuedPass pass) {
        return jdbc.sql("select verifier from temporary_access_passes where id = :id").param("id", pass.passId())
                .query(String.class).single();
    }
}

@H2Test
class TapSignInH2Tests extends TapSignInTests {
}

@PostgresTest
class TapSignInPostgresTests extends TapSignInTests {
}
