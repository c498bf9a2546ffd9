package org.helpdesk.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Role;
import org.helpdesk.accounts.SecuritySettings;
import org.helpdesk.passes.IssuedPass;
import org.helpdesk.support.Browser;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.PostgresTest;
import org.helpdesk.support.TestAuthenticator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Passkeys over real HTTP against the running service and its database session store: registration from the
 * Authentication tab, the list, removal, sign-in from /login, and who is refused. The registration and sign-in
 * options travel in the session stored in the database between the two calls of each ceremony.
 */
abstract class PasskeyTests extends IntegrationTestSupport {

    static final String PASSWORD = "a passkey test password";

    @Autowired
    Passkeys passkeys;

    /** A person signed in with a password in a real HTTP client, on their Authentication tab. */
    Browser signedIn(Account person) {
        accounts.changeOwnPassword(user(person), null, PASSWORD);
        Browser browser = new Browser(port);
        browser.get("/login");
        HttpResponse<String> signIn = browser.post("/login", Map.of("username", person.email(), "password", PASSWORD));
        assertThat(browser.location(signIn)).isEqualTo("/");
        assertThat(browser.get("/people/" + person.id() + "/authentication").statusCode()).isEqualTo(200);
        return browser;
    }

    /** Registers the authenticator's passkey from the person's signed-in browser; returns the answer. */
    static HttpResponse<String> register(Browser browser, TestAuthenticator authenticator, String label) {
        HttpResponse<String> options = browser.postJson("/webauthn/register/options", null);
        assertThat(options.statusCode()).isEqualTo(200);
        return browser.postJson("/webauthn/register", authenticator.register(options.body(), label));
    }

    /** Signs in with the authenticator's passkey from a new browser; returns the browser and the answer. */
    SignIn passkeySignIn(TestAuthenticator authenticator) {
        Browser browser = new Browser(port);
        browser.get("/login");
        HttpResponse<String> options = browser.postJson("/webauthn/authenticate/options", null);
        assertThat(options.statusCode()).isEqualTo(200);
        String before = browser.cookie("SESSION");
        HttpResponse<String> answer = browser.postJson("/login/webauthn", authenticator.signIn(options.body()));
        return new SignIn(browser, answer, before);
    }

    record SignIn(Browser browser, HttpResponse<String> answer, String sessionBefore) {
    }

    List<Map<String, Object>> events(String type, long subjectId) {
        return jdbc.sql("select outcome, reason, details from audit_events where type = :type and subject_id = :id order by id")
                .param("type", type).param("id", subjectId).query().listOfRows();
    }

    List<String> mailSubjectsAndBodies(Account account) {
        return jdbc.sql("select body from notification_outbox where account_id = :id and kind = 'METHOD_CHANGED' order by id")
                .param("id", account.id()).query(String.class).list();
    }

    @Test
    void registrationOptionsAreKeptInTheDatabaseSessionAndTheAnswerAddsAListedAuditedAndMailedPasskey() {
        Account agent = newAgent(Role.AGENT);
        Browser browser = signedIn(agent);
        TestAuthenticator authenticator = new TestAuthenticator();

        HttpResponse<String> options = browser.postJson("/webauthn/register/options", null);
        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(options.body()).contains("\"userVerification\":\"required\"", "\"residentKey\":\"required\"",
                "\"name\":\"" + agent.email() + "\"");
        assertThat(jdbc.sql("""
                        select count(*) from spring_session_attributes a join spring_session s
                        on s.primary_id = a.session_primary_id
                        where s.principal_name = :name and a.attribute_name like '%SessionCreationOptions.options'""")
                .param("name", String.valueOf(agent.id())).query(Long.class).single()).isEqualTo(1);

        HttpResponse<String> answer = browser.postJson("/webauthn/register",
                authenticator.register(options.body(), "  Work laptop  "));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"success\":true");

        List<PasskeyView> list = passkeys.listFor(agent.id());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).label()).isEqualTo("Work laptop");
        assertThat(list.get(0).id()).isEqualTo(authenticator.credentialId());
        assertThat(list.get(0).createdAt()).isNotNull();
        assertThat(list.get(0).lastUsedAt()).isNull();
        assertThat(passkeys.isRegisteredFor(agent.id())).isTrue();
        String tab = browser.get("/people/" + agent.id() + "/authentication").body();
        assertThat(tab).contains("Passkeys", "Work laptop", "Never", "/profile/passkeys/" + authenticator.credentialId() + "/delete");

        List<Map<String, Object>> added = events("PASSKEY_ADDED", agent.id());
        assertThat(added).hasSize(1);
        assertThat(String.valueOf(added.get(0).get("details"))).contains("Work laptop").doesNotContain(authenticator.credentialId());
        assertThat(mailSubjectsAndBodies(agent)).anySatisfy(body -> assertThat(body).contains("A passkey was added to your account."));
    }

    @Test
    void signInWithPasskeyAloneBecomesAPasskeySessionWithANewIdAndIsAudited() {
        Account agent = newAgent(Role.AGENT);
        TestAuthenticator authenticator = new TestAuthenticator();
        assertThat(register(signedIn(agent), authenticator, "Phone").statusCode()).isEqualTo(200);

        Instant started = clock.instant();
        SignIn signIn = passkeySignIn(authenticator);
        assertThat(signIn.answer().statusCode()).isEqualTo(200);
        assertThat(signIn.answer().body()).contains("\"authenticated\":true", "\"redirectUrl\":\"/\"");
        assertThat(signIn.browser().cookie("SESSION")).isNotEqualTo(signIn.sessionBefore());
        assertThat(signedInAs(signIn.browser()).signedInAt()).isBetween(started, clock.instant());

        HttpResponse<String> home = signIn.browser().get("/people/" + agent.id() + "/authentication");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains(agent.displayName(), "Phone");
        assertThat(jdbc.sql("select count(*) from spring_session where principal_name = :name")
                .param("name", String.valueOf(agent.id())).query(Long.class).single()).isGreaterThanOrEqualTo(1);
        assertThat(passkeys.listFor(agent.id()).get(0).lastUsedAt()).isNotNull();

        List<Map<String, Object>> signIns = events("SIGN_IN", agent.id());
        assertThat(signIns).anySatisfy(e -> {
            assertThat(e.get("outcome")).isEqualTo("success");
            assertThat(String.valueOf(e.get("details"))).contains("passkey");
        });
    }

    @Test
    void agentWhoseSecondFactorIsAPasskeyFinishesAPasswordSignInWithItWhenTheSettingRequiresOne() {
        Account agent = newAgent(Role.AGENT);
        TestAuthenticator authenticator = new TestAuthenticator();
        assertThat(register(signedIn(agent), authenticator, "Phone").statusCode()).isEqualTo(200);
        Map<String, String> form = Map.of("username", agent.email(), "password", PASSWORD);

        Browser withoutRule = new Browser(port);
        withoutRule.get("/login");
        assertThat(withoutRule.location(withoutRule.post("/login", form))).as("a passkey is another way in").isEqualTo("/");

        setSecuritySettings(new SecuritySettings(true, SecuritySettings.LOWEST_PASSWORD_MINIMUM));
        Browser browser = new Browser(port);
        browser.get("/login");
        assertThat(browser.location(browser.post("/login", form))).isEqualTo("/login/second-factor");
        assertThat(browser.location(browser.get("/profile"))).as("the password alone signs nobody in").isEqualTo("/login");
        String page = browser.get("/login/second-factor").body();
        assertThat(page).contains("id=\"passkey-sign-in\"").doesNotContain("name=\"code\"");
        assertThat(browser.location(browser.post("/login/second-factor", Map.of("code", "123456"))))
                .isEqualTo("/login/second-factor?error");

        HttpResponse<String> options = browser.postJson("/webauthn/authenticate/options", null);
        HttpResponse<String> answer = browser.postJson("/login/webauthn", authenticator.signIn(options.body()));
        assertThat(answer.body()).contains("\"authenticated\":true");
        assertThat(browser.location(browser.get("/profile"))).isEqualTo("/people/" + agent.id() + "/authentication");
    }

    @Test
    void theSameSignInAnswerWorksOnceOnly() {
        Account agent = newAgent(Role.AGENT);
        TestAuthenticator authenticator = new TestAuthenticator();
        register(signedIn(agent), authenticator, "Key");
        Browser browser = new Browser(port);
        browser.get("/login");
        String answer = authenticator.signIn(browser.postJson("/webauthn/authenticate/options", null).body());
        assertThat(browser.postJson("/login/webauthn", answer).statusCode()).isEqualTo(200);

        browser.get("/people/" + agent.id() + "/authentication");
        assertThat(browser.postJson("/login/webauthn", answer).statusCode()).isEqualTo(401);
    }

    @Test
    void disabledAccountIsRefusedWithTheGenericFailureAndThePreciseReasonIsLogged() {
        Account agent = newAgent(Role.AGENT);
        TestAuthenticator authenticator = new TestAuthenticator();
        register(signedIn(agent), authenticator, "Key");
        accounts.setActive(agent.id(), false, user(newAdmin()));

        SignIn signIn = passkeySignIn(authenticator);
        assertThat(signIn.answer().statusCode()).isEqualTo(401);
        assertThat(signIn.browser().get("/people/" + agent.id() + "/authentication").statusCode()).isEqualTo(302);
        assertThat(signIn.browser().get("/login?error=passkey").body())
                .contains("That passkey could not sign you in, or this account cannot sign in with a passkey.");
        assertThat(events("SIGN_IN", agent.id())).anySatisfy(e -> {
            assertThat(e.get("outcome")).isEqualTo("failure");
            assertThat(e.get("reason")).isEqualTo("ACCOUNT_DISABLED");
        });
    }

    @Test
    void unknownPasskeyIsRefusedAndLoggedAsUnknown() {
        long before = jdbc.sql("select count(*) from audit_events where reason = 'UNKNOWN_CREDENTIAL'")
                .query(Long.class).single();
        SignIn signIn = passkeySignIn(new TestAuthenticator());
        assertThat(signIn.answer().statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from audit_events where reason = 'UNKNOWN_CREDENTIAL'")
                .query(Long.class).single()).isEqualTo(before + 1);
    }

    @Test
    void malformedSignInAnswersAreRefusedNeverAnError() {
        for (String body : new String[] {"", "{", "{}", "[]", "{\"id\":\"\u0000\",\"rawId\":\"!!\"}",
                "{\"id\":\"" + "x".repeat(100_000) + "\"}"}) {
            Browser browser = new Browser(port);
            browser.get("/login");
            browser.postJson("/webauthn/authenticate/options", null);
            assertThat(browser.postJson("/login/webauthn", body).statusCode()).as(body).isBetween(400, 499);
        }
        Browser withoutOptions = new Browser(port);
        withoutOptions.get("/login");
        assertThat(withoutOptions.postJson("/login/webauthn", new TestAuthenticator().signIn("{\"challenge\":\"AAAA\"}"))
                .statusCode()).isEqualTo(401);
    }

    @Test
    void passkeyWithoutUserVerificationIsNotAdded() {
        Account agent = newAgent(Role.AGENT);
        HttpResponse<String> answer = register(signedIn(agent), new TestAuthenticator().withoutUserVerification(), "Key");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("The passkey could not be verified. Nothing was added.");
        assertThat(passkeys.listFor(agent.id())).isEmpty();
    }

    @Test
    void badLabelsAreRefusedWithAClearMessageAndNothingIsAdded() {
        Account agent = newAgent(Role.AGENT);
        Browser browser = signedIn(agent);
        for (String label : new String[] {"", "   ", "x".repeat(65), "tab\there", "bell\u0007", "rtl\u202Eoverride"}) {
            HttpResponse<String> answer = register(browser, new TestAuthenticator(), label);
            assertThat(answer.statusCode()).as(label).isEqualTo(400);
            assertThat(answer.body()).containsAnyOf("Enter a name for the passkey.",
                    "A name has at most 64 characters and no control characters.");
        }
        HttpResponse<String> noLabel = browser.postJson("/webauthn/register", "{\"publicKey\":{}}");
        assertThat(noLabel.statusCode()).isEqualTo(400);
        HttpResponse<String> notJson = browser.postJson("/webauthn/register", "{not json");
        assertThat(notJson.statusCode()).isEqualTo(400);
        HttpResponse<String> huge = browser.postJson("/webauthn/register", "{\"publicKey\":{\"label\":\""
                + "x".repeat(70_000) + "\"}}");
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(passkeys.listFor(agent.id())).isEmpty();
        assertThat(events("PASSKEY_ADDED", agent.id())).isEmpty();
    }

    @Test
    void removingAPasskeyListsAuditsMailsAndStopsItSigningIn() {
        Account agent = newAgent(Role.AGENT);
        Browser browser = signedIn(agent);
        TestAuthenticator authenticator = new TestAuthenticator();
        register(browser, authenticator, "Old key");
        browser.get("/people/" + agent.id() + "/authentication");

        HttpResponse<String> removed = browser.post("/profile/passkeys/" + authenticator.credentialId() + "/delete", Map.of());
        assertThat(browser.location(removed)).isEqualTo("/people/" + agent.id() + "/authentication");
        assertThat(browser.get("/people/" + agent.id() + "/authentication").body())
                .contains("The passkey was removed.", "You have no passkeys yet.");
        assertThat(passkeys.isRegisteredFor(agent.id())).isFalse();
        assertThat(String.valueOf(events("PASSKEY_REMOVED", agent.id()).get(0).get("details"))).contains("Old key");
        assertThat(mailSubjectsAndBodies(agent)).anySatisfy(body ->
                assertThat(body).contains("A passkey was removed from your account."));
        assertThat(passkeySignIn(authenticator).answer().statusCode()).isEqualTo(401);
    }

    @Test
    void nobodyRemovesAnotherPersonsPasskeyNorUsesSpringSecuritysDeleteEndpoint() {
        Account owner = newAgent(Role.AGENT);
        TestAuthenticator authenticator = new TestAuthenticator();
        register(signedIn(owner), authenticator, "Mine");
        Browser other = signedIn(newAgent(Role.ADMIN));

        HttpResponse<String> removed = other.post("/profile/passkeys/" + authenticator.credentialId() + "/delete", Map.of());
        assertThat(removed.statusCode()).isEqualTo(404);
        assertThat(other.delete("/webauthn/register/" + authenticator.credentialId()).statusCode()).isEqualTo(405);
        assertThat(passkeys.isRegisteredFor(owner.id())).isTrue();
    }

    @Test
    void aPersonSignedInWithAOneTimePassRegistersAPasskeyAndThenSignsInWithIt() {
        enableTap();
        Account contact = newContact(false);
        IssuedPass pass = issue(contact, new org.helpdesk.passes.IssueRequest(null, null, true));
        Browser browser = new Browser(port);
        browser.get("/login/tap");
        HttpResponse<String> tap = browser.post("/login/tap", Map.of("username", contact.email(), "pass", pass.value()));
        assertThat(browser.location(tap)).isEqualTo("/");
        assertThat(browser.get("/people/" + contact.id() + "/authentication").body()).contains("Add a passkey");

        TestAuthenticator authenticator = new TestAuthenticator();
        assertThat(register(browser, authenticator, "Recovery key").statusCode()).isEqualTo(200);
        assertThat(passkeySignIn(authenticator).answer().statusCode()).isEqualTo(200);
    }

    @Test
    void guestsHaveNoPasskeySectionAndEveryRegistrationEndpointRefusesThem() {
        enableTap();
        Account guest = newContact(true);
        IssuedPass pass = issue(guest);
        Browser browser = new Browser(port);
        browser.get("/login/tap");
        browser.post("/login/tap", Map.of("username", guest.email(), "pass", pass.value()));
        String tab = browser.get("/people/" + guest.id() + "/authentication").body();
        assertThat(tab).doesNotContain("passkey-add", "Add a passkey");

        HttpResponse<String> options = browser.postJson("/webauthn/register/options", null);
        assertThat(options.statusCode()).isEqualTo(403);
        assertThat(options.body()).contains("Guests sign in only with a Temporary Access Pass");
        HttpResponse<String> answer = browser.postJson("/webauthn/register",
                new TestAuthenticator().register("{\"user\":{\"id\":\"AAAA\"},\"rp\":{\"id\":\"localhost\"},\"challenge\":\"AAAA\"}", "Key"));
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(browser.post("/profile/passkeys/anything/delete", Map.of()).statusCode()).isEqualTo(403);
        assertThat(passkeys.isRegisteredFor(guest.id())).isFalse();
    }

    @Test
    void aGuestsPasskeyNeverSignsIn() {
        Account person = newContact(false);
        TestAuthenticator authenticator = new TestAuthenticator();
        register(signedIn(person), authenticator, "Key");
        jdbc.sql("update accounts set guest = true, password_hash = null where id = :id").param("id", person.id()).update();

        assertThat(passkeySignIn(authenticator).answer().statusCode()).isEqualTo(401);
        assertThat(events("SIGN_IN", person.id())).anySatisfy(e -> assertThat(e.get("reason")).isEqualTo("GUEST"));
    }
}

@H2Test
class PasskeyH2Tests extends PasskeyTests {
}

@PostgresTest
class PasskeyPostgresTests extends PasskeyTests {
}
