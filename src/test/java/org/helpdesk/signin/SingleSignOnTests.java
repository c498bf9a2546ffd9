package org.helpdesk.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Role;
import org.helpdesk.support.Browser;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.OidcTestProvider;
import org.helpdesk.support.PostgresTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Single sign-on through a real OpenID Connect provider running in the test JVM, over real HTTP: the browser is
 * sent to the provider, signs in on its form, and comes back with a code the service exchanges for an ID token
 * (spec 3, 6; security: sessions, logging).
 */
abstract class SingleSignOnTests extends IntegrationTestSupport {

    private static final Pattern PROVIDER_CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @Autowired
    private SingleSignOnSettings settings;
    @Autowired
    private SingleSignOnRefusals refusals;

    private Map<SingleSignOnProvider, SingleSignOnSetting> before;

    @BeforeEach
    void switchProvidersOn() {
        before = settings.all();
        Account admin = newAdmin();
        settings.update(SingleSignOnProvider.GOOGLE, true, "Sign in with Google", user(admin));
        settings.update(SingleSignOnProvider.MICROSOFT, true, "Sign in with Microsoft", user(admin));
    }

    @AfterEach
    void restoreSettings() {
        Account admin = newAdmin();
        before.forEach((provider, setting) ->
                settings.update(provider, setting.enabled(), setting.buttonLabel(), user(admin)));
    }

    // --- the flow

    /** A provider user whose ID token says this about the address; null leaves the claim out. */
    private static String providerUser(String email, Boolean emailVerified, Boolean domainOwnerVerified) {
        String username = "user-" + java.util.UUID.randomUUID();
        Map<String, Object> claims = new HashMap<>();
        if (email != null) {
            claims.put("email", email);
        }
        if (emailVerified != null) {
            claims.put("email_verified", emailVerified);
        }
        if (domainOwnerVerified != null) {
            claims.put("xms_edov", domainOwnerVerified);
        }
        OidcTestProvider.addUser(username, claims);
        return username;
    }

    /** From the start URL to the provider's redirect back: the callback URL (path and query) the browser is sent to. */
    private String throughTheProvider(Browser browser, String provider, String username) {
        HttpResponse<String> start = browser.get("/oauth2/authorization/" + provider);
        assertThat(start.statusCode()).isEqualTo(302);
        URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
        assertThat(authorize.getPort()).isEqualTo(OidcTestProvider.port());
        assertThat(authorize.getQuery()).contains("state=", "nonce=", "code_challenge=", "scope=openid email profile");

        Browser atProvider = new Browser(OidcTestProvider.port());
        HttpResponse<String> toLogin = atProvider.get(authorize.getRawPath() + "?" + authorize.getRawQuery());
        assertThat(atProvider.location(toLogin)).isEqualTo("/login");
        HttpResponse<String> form = atProvider.get("/login");
        Matcher csrf = PROVIDER_CSRF.matcher(form.body());
        assertThat(csrf.find()).as("the provider's sign-in form has a CSRF token").isTrue();
        HttpResponse<String> signedIn = atProvider.post("/login",
                Map.of("username", username, "password", OidcTestProvider.PASSWORD, "_csrf", csrf.group(1)));
        HttpResponse<String> back = atProvider.get(atProvider.location(signedIn));
        assertThat(back.statusCode()).isEqualTo(302);
        URI callback = URI.create(back.headers().firstValue("Location").orElseThrow());
        assertThat(callback.getPort()).isEqualTo(port);
        assertThat(callback.getPath()).isEqualTo("/login/oauth2/code/" + provider);
        return callback.getRawPath() + "?" + callback.getRawQuery();
    }

    private HttpResponse<String> signInWith(Browser browser, String provider, String username) {
        return browser.get(throughTheProvider(browser, provider, username));
    }

    private Map<String, Object> lastSignIn() {
        return jdbc.sql("""
                        select outcome, reason, subject_id, details from audit_events where type = 'SIGN_IN'
                        order by id desc fetch first 1 rows only""")
                .query().singleRow();
    }

    private static void assertRefused(Browser browser, HttpResponse<String> callback, String problem, String provider) {
        assertThat(browser.location(callback)).isEqualTo("/login/sso-refused?problem=" + problem + "&provider=" + provider);
        HttpResponse<String> page = browser.get(browser.location(callback));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"sso-refusal\"", "role=\"alert\"");
        assertThat(browser.location(browser.get("/profile"))).isEqualTo("/login");
    }

    // --- success

    @Test
    void agentWhenVerifiedEmailMatchesThenSignedInWithNewSessionAndSsoInTheEventLog() {
        Account agent = newAgent(Role.AGENT);
        String username = providerUser(agent.email(), true, null);
        Browser browser = new Browser(port);
        String callback = throughTheProvider(browser, "google", username);
        String sessionBefore = browser.cookie("SESSION");
        Instant returned = clock.instant();
        HttpResponse<String> done = browser.get(callback);

        assertThat(browser.location(done)).isEqualTo("/");
        assertThat(browser.cookie("SESSION")).isNotNull().isNotEqualTo(sessionBefore);
        assertThat(signedInAs(browser).signedInAt()).isBetween(returned, clock.instant());
        assertThat(browser.location(browser.get("/profile"))).isEqualTo("/people/" + agent.id() + "/authentication");
        HttpResponse<String> tab = browser.get("/people/" + agent.id() + "/authentication");
        assertThat(tab.statusCode()).isEqualTo(200);
        assertThat(tab.body()).contains(agent.displayName());
        Map<String, Object> event = lastSignIn();
        assertThat(event.get("outcome")).isEqualTo("success");
        assertThat(((Number) event.get("subject_id")).longValue()).isEqualTo(agent.id());
        assertThat(String.valueOf(event.get("details"))).contains("\"method\":\"sso\"", "\"provider\":\"google\"")
                .doesNotContain("eyJ");
    }

    @Test
    void personWithAnAuthenticatorAppWhenProviderVouchesThenTheCodeCompletesTheSignIn() throws Exception {
        Account agent = newAgent(Role.AGENT);
        AddedApp app = addAuthenticatorApp(agent);
        clock.advance(Duration.ofSeconds(30)); // the code typed to add the app is spent
        String username = providerUser(agent.email(), true, null);
        Browser browser = new Browser(port);
        HttpResponse<String> back = browser.get(throughTheProvider(browser, "google", username));

        assertThat(browser.location(back)).isEqualTo("/login/second-factor");
        assertThat(browser.location(browser.get("/profile"))).as("not signed in before the code").isEqualTo("/login");
        assertThat(browser.get("/login/second-factor").statusCode()).isEqualTo(200);
        HttpResponse<String> done = browser.post("/login/second-factor",
                Map.of("code", totpCode(app.secret(), clock.instant())));
        assertThat(browser.location(done)).isNotEqualTo("/login/second-factor?error");
        assertThat(browser.location(browser.get("/profile"))).isEqualTo("/people/" + agent.id() + "/authentication");
        Map<String, Object> event = lastSignIn();
        assertThat(event.get("outcome")).isEqualTo("success");
        assertThat(String.valueOf(event.get("details"))).contains("\"method\":\"sso\"", "authenticator_app");
    }

    @Test
    void contactWhenMicrosoftVouchesForTheDomainOwnerThenSignedIn() {
        Account contact = newContact(false);
        String username = providerUser(contact.email(), null, true);
        Browser browser = new Browser(port);
        assertThat(browser.location(signInWith(browser, "microsoft", username))).isEqualTo("/");
        assertThat(browser.location(browser.get("/profile"))).isEqualTo("/people/" + contact.id() + "/authentication");
        assertThat(browser.get("/people/" + contact.id() + "/authentication").statusCode()).isEqualTo(200);
        assertThat(String.valueOf(lastSignIn().get("details"))).contains("\"provider\":\"microsoft\"");
    }

    @Test
    void emailInAVerifiedDomainWhenTheTokenSaysNothingEitherWayThenSignedIn() {
        Account contact = accounts.create(new org.helpdesk.accounts.NewAccount(
                "person-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@" + OidcTestProvider.VERIFIED_DOMAIN,
                "Domain Person", org.helpdesk.accounts.AccountKind.CONTACT, null, false), user(newAdmin()));
        Browser browser = new Browser(port);
        assertThat(browser.location(signInWith(browser, "microsoft", providerUser(contact.email(), null, null))))
                .isEqualTo("/");
        // Google's tokens always say; a listed domain is never a reason to trust an address the provider did not
        Browser other = new Browser(port);
        assertRefused(other, signInWith(other, "google", providerUser(contact.email(), false, null)), "unverified",
                "google");
    }

    @Test
    void ssoSessionWhenAccountDisabledOrTimedOutThenEndsLikeAnyOther() {
        Account agent = newAgent(Role.AGENT);
        Browser browser = new Browser(port);
        signInWith(browser, "google", providerUser(agent.email(), true, null));
        assertThat(browser.get("/people/" + agent.id() + "/authentication").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofHours(13));
        assertThat(browser.location(browser.get("/people/" + agent.id() + "/authentication")))
                .isEqualTo("/login?sessionEnded");
        clock.reset();

        Browser again = new Browser(port);
        signInWith(again, "google", providerUser(agent.email(), true, null));
        accounts.setActive(agent.id(), false, user(newAdmin()));
        assertThat(again.location(again.get("/people/" + agent.id() + "/authentication")))
                .isEqualTo("/login?sessionEnded");
    }

    @Test
    void signOutOfAnSsoSessionIsRecordedWithTheMethod() {
        Account agent = newAgent(Role.AGENT);
        Browser browser = new Browser(port);
        signInWith(browser, "google", providerUser(agent.email(), true, null));
        browser.get("/people/" + agent.id() + "/authentication");
        assertThat(browser.location(browser.post("/logout", Map.of()))).isEqualTo("/login?signedOut");
        assertThat(jdbc.sql("select details from audit_events where type = 'SIGN_OUT' and subject_id = :id")
                .param("id", agent.id()).query(String.class).single()).contains("sso");
    }

    // --- refusals

    @Test
    void guestWhenEmailMatchesThenRefusedWithoutSayingWhyAndEventLogSaysGuest() {
        Account guest = newContact(true);
        Browser browser = new Browser(port);
        HttpResponse<String> callback = signInWith(browser, "google", providerUser(guest.email(), true, null));
        assertRefused(browser, callback, "no_account", "google");
        Map<String, Object> event = lastSignIn();
        assertThat(event.get("outcome")).isEqualTo("failure");
        assertThat(event.get("reason")).isEqualTo("GUEST");
        assertThat(((Number) event.get("subject_id")).longValue()).isEqualTo(guest.id());
    }

    @Test
    void unknownEmailThenRefusedAndNoAccountIsCreated() {
        String email = uniqueEmail("stranger");
        Browser browser = new Browser(port);
        HttpResponse<String> callback = signInWith(browser, "google", providerUser(email, true, null));
        assertRefused(browser, callback, "no_account", "google");
        assertThat(lastSignIn().get("reason")).isEqualTo("UNKNOWN_ACCOUNT");
        assertThat(accounts.findByEmail(email)).isEmpty();
    }

    @Test
    void disabledAccountThenRefusedLikeAnUnknownOne() {
        Account agent = newAgent(Role.AGENT);
        accounts.setActive(agent.id(), false, user(newAdmin()));
        Browser browser = new Browser(port);
        HttpResponse<String> callback = signInWith(browser, "google", providerUser(agent.email(), true, null));
        assertRefused(browser, callback, "no_account", "google");
        assertThat(lastSignIn().get("reason")).isEqualTo("ACCOUNT_DISABLED");
    }

    @Test
    void unverifiedEmailThenRefusedBeforeAnyAccountIsLookedAt() {
        Account agent = newAgent(Role.AGENT);
        Browser browser = new Browser(port);
        HttpResponse<String> callback = signInWith(browser, "google", providerUser(agent.email(), false, null));
        assertRefused(browser, callback, "unverified", "google");
        Map<String, Object> event = lastSignIn();
        assertThat(event.get("reason")).isEqualTo("EMAIL_NOT_VERIFIED");
        assertThat(event.get("subject_id")).isNull();

        Browser microsoft = new Browser(port);
        assertRefused(microsoft, signInWith(microsoft, "microsoft", providerUser(agent.email(), null, null)),
                "unverified", "microsoft");
        Browser noEmail = new Browser(port);
        assertRefused(noEmail, signInWith(noEmail, "google", providerUser(null, true, null)), "unverified", "google");
        assertThat(lastSignIn().get("reason")).isEqualTo("NO_EMAIL");
    }

    @Test
    void tamperedStateThenRefusedAndNotSignedIn() {
        Account agent = newAgent(Role.AGENT);
        Browser browser = new Browser(port);
        String callback = throughTheProvider(browser, "google", providerUser(agent.email(), true, null));
        String tampered = callback.replaceFirst("state=[^&]+", "state=forged-state");
        assertThat(tampered).isNotEqualTo(callback);
        assertRefused(browser, browser.get(tampered), "failed", "google");
        Map<String, Object> event = lastSignIn();
        assertThat(event.get("reason")).isEqualTo("STATE_MISMATCH");
        assertThat(String.valueOf(event.get("details"))).contains("authorization_request_not_found");
    }

    @Test
    void callbackWhenReplayedAfterSuccessThenRefused() {
        Account agent = newAgent(Role.AGENT);
        Browser browser = new Browser(port);
        String callback = throughTheProvider(browser, "google", providerUser(agent.email(), true, null));
        assertThat(browser.location(browser.get(callback))).isEqualTo("/");
        Browser attacker = new Browser(port);
        assertThat(attacker.location(attacker.get(callback))).startsWith("/login/sso-refused?problem=failed");
        assertThat(lastSignIn().get("reason")).isEqualTo("STATE_MISMATCH");
    }

    @Test
    void providerErrorAtTheCallbackThenRefusedNeverA500() {
        Browser browser = new Browser(port);
        browser.get("/oauth2/authorization/google");
        HttpResponse<String> callback = browser.get("/login/oauth2/code/google?error=access_denied&state=whatever");
        assertThat(callback.statusCode()).isEqualTo(302);
        assertThat(browser.location(callback)).startsWith("/login/sso-refused?problem=failed");
        HttpResponse<String> noCode = browser.get("/login/oauth2/code/google");
        assertThat(noCode.statusCode()).isLessThan(500);
    }

    @Test
    void providerUnreachableWhenSignInStartsThenRefusalPageNeverA500() throws Exception {
        // a closed port of this machine: what a provider the service cannot reach looks like
        SingleSignOnProperties.Provider unreachable = new SingleSignOnProperties.Provider("client", "secret",
                "http://127.0.0.1:1", java.util.List.of());
        SingleSignOnRegistrations registrations = new SingleSignOnRegistrations(
                new SingleSignOnProperties(unreachable, unreachable), settings);
        assertThat(registrations.buttons()).extracting(SingleSignOnRegistrations.Button::provider)
                .containsExactly("google", "microsoft");
        var request = new org.springframework.mock.web.MockHttpServletRequest("GET", "/oauth2/authorization/google");
        var response = new org.springframework.mock.web.MockHttpServletResponse();
        var chain = new org.springframework.mock.web.MockFilterChain();
        new SingleSignOnGate(registrations, refusals).doFilter(request, response, chain);

        assertThat(chain.getRequest()).as("nothing after the gate ran").isNull();
        assertThat(response.getRedirectedUrl()).isEqualTo("/login/sso-refused?problem=unavailable&provider=google");
        assertThat(lastSignIn().get("reason")).isEqualTo("PROVIDER_UNAVAILABLE");
        Browser browser = new Browser(port);
        HttpResponse<String> page = browser.get(response.getRedirectedUrl());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Google cannot be reached just now.").doesNotContain("secret");
    }

    @Test
    void refusalPageWhenOpenedWithOddParametersThenTheGeneralMessage() {
        Browser browser = new Browser(port);
        HttpResponse<String> page = browser.get("/login/sso-refused?problem=%00nope&provider=%E2%80%AEevil");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Signing in with the provider did not complete.");
    }

    // --- switched off

    @Test
    void providerSwitchedOffThenNoButtonAndBothEndpointsRefuse() {
        Browser browser = new Browser(port);
        assertThat(browser.get("/login").body()).contains("id=\"sso-google\"", "href=\"/oauth2/authorization/google\"",
                "id=\"sso-microsoft\"");
        settings.update(SingleSignOnProvider.GOOGLE, false, "Sign in with Google", user(newAdmin()));

        assertThat(browser.get("/login").body()).doesNotContain("sso-google").contains("id=\"sso-microsoft\"");
        HttpResponse<String> start = browser.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/oauth2/authorization/google")).header("Accept", "text/html").build());
        assertThat(start.statusCode()).isEqualTo(404);
        assertThat(start.body()).contains("Page not found").doesNotContain("Exception");
        assertThat(browser.get("/login/oauth2/code/google?code=abc&state=def").statusCode()).isEqualTo(404);
        assertThat(lastSignIn().get("reason")).isEqualTo("PROVIDER_OFF");
        assertThat(browser.get("/oauth2/authorization/github").statusCode()).isEqualTo(404);

        settings.update(SingleSignOnProvider.MICROSOFT, false, "Sign in with Microsoft", user(newAdmin()));
        assertThat(browser.get("/login").body()).doesNotContain("sso-heading");
    }
}

@H2Test
class SingleSignOnH2Tests extends SingleSignOnTests {
}

@PostgresTest
class SingleSignOnPostgresTests extends SingleSignOnTests {
}
