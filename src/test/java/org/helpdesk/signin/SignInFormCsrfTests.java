package org.helpdesk.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.helpdesk.accounts.Account;
import org.helpdesk.passes.IssuedPass;
import org.helpdesk.support.Browser;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.PostgresTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * The sign-in forms open without a session: their CSRF token is held in a cookie of its own until sign-in, when the
 * new session gets a new token and the cookie is dropped (security.md "CSRF protection on every state-changing form,
 * the sign-in forms included").
 */
abstract class SignInFormCsrfTests extends IntegrationTestSupport {

    @Autowired
    private FilterChainProxy filterChains;

    @Autowired
    private SignInCsrfTokens csrfTokens;

    /**
     * MockMvc's {@code csrf()}, used by other tests of this shared context, swaps the chain's token repository for a
     * session-only test one; these tests are about the service's own.
     */
    @BeforeEach
    void serviceTokenRepository() {
        for (SecurityFilterChain chain : filterChains.getFilterChains()) {
            chain.getFilters().stream().filter(CsrfFilter.class::isInstance)
                    .forEach(filter -> ReflectionTestUtils.setField(filter, "tokenRepository", csrfTokens));
        }
    }

    private long sessionRows() {
        return jdbc.sql("select count(*) from spring_session").query(Long.class).single();
    }

    private static List<String> setCookies(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).toList();
    }

    @Test
    void openingTheSignInFormsWritesNoSession() {
        long before = sessionRows();
        for (String form : List.of("/login", "/login/tap")) {
            Browser browser = new Browser(port);
            HttpResponse<String> page = browser.get(form);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(browser.csrfToken()).isNotBlank();
            assertThat(setCookies(page, "SESSION")).isEmpty();
            assertThat(setCookies(page, "CSRF")).singleElement().asString()
                    .contains("HttpOnly").contains("SameSite=Strict").contains("Path=/").doesNotContain("Secure");
        }
        assertThat(sessionRows()).isEqualTo(before);
    }

    @Test
    void formTokenCookieIsSecureWhenServedOverTls() throws Exception {
        String cookie = mvc.perform(get("/login/tap").secure(true)).andReturn().getResponse().getHeader("Set-Cookie");
        assertThat(cookie).startsWith("CSRF=").contains("Secure").contains("HttpOnly");
    }

    @Test
    void passSignInFromAFormWithoutSessionGetsANewSessionAndDropsTheFormToken() {
        enableTap();
        Account contact = newContact(false);
        IssuedPass pass = issue(contact);
        Browser browser = new Browser(port);
        browser.get("/login/tap");
        String formToken = browser.csrfToken();
        HttpResponse<String> signedIn = browser.post("/login/tap", Map.of("username", contact.email(), "pass", pass.value()));
        assertThat(browser.location(signedIn)).isEqualTo("/");
        assertThat(browser.cookie("SESSION")).isNotBlank();
        assertThat(browser.cookie("CSRF")).isNull();
        assertThat(setCookies(signedIn, "CSRF")).singleElement().asString().startsWith("CSRF=;").contains("Expires=Thu, 01 Jan 1970");
        // the token of the form served before sign-in no longer works
        assertThat(browser.post("/logout", Map.of("_csrf", formToken)).statusCode()).isEqualTo(403);
        String home = browser.location(browser.get("/"));
        assertThat(home == null || !home.startsWith("/login")).as("still signed in, at %s", home).isTrue();
    }

    @Test
    void signInFormPostedWithoutItsCookieOrWithAnotherIsRefusedAndSignsNobodyIn() {
        enableTap();
        Account contact = newContact(false);
        IssuedPass pass = issue(contact);
        long before = sessionRows();

        Browser noCookie = new Browser(port);
        noCookie.get("/login/tap");
        noCookie.setCookie("CSRF", "");
        assertThat(noCookie.post("/login/tap", Map.of("username", contact.email(), "pass", pass.value())).statusCode())
                .isEqualTo(403);

        // a token served to someone else, posted with one's own cookie
        Browser other = new Browser(port);
        other.get("/login/tap");
        Browser attacker = new Browser(port);
        attacker.get("/login/tap");
        HttpResponse<String> refused = attacker.post("/login/tap",
                Map.of("username", contact.email(), "pass", pass.value(), "_csrf", other.csrfToken()));
        assertThat(refused.statusCode()).isEqualTo(403);

        for (String value : List.of("a-token-of-the-attackers-choosing", "x".repeat(4000), "%3Cscript%3E", "==")) {
            Browser forged = new Browser(port);
            forged.get("/login/tap");
            forged.setCookie("CSRF", value);
            assertThat(forged.post("/login/tap", Map.of("username", contact.email(), "pass", pass.value())).statusCode())
                    .as("cookie %s", value.length() > 40 ? value.length() + " characters" : value).isEqualTo(403);
        }

        assertThat(sessionRows()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from temporary_access_passes where account_id = :id and last_used_at is not null")
                .param("id", contact.id()).query(Long.class).single()).isZero();
    }

    @Test
    void failedPassSignInKeepsTheAddressForTheFormInANewSession() {
        enableTap();
        Account contact = newContact(false);
        issue(contact);
        Browser browser = new Browser(port);
        browser.get("/login/tap");
        HttpResponse<String> failed = browser.post("/login/tap", Map.of("username", contact.email(), "pass", "WRONGPASS234"));
        assertThat(browser.location(failed)).isEqualTo("/login/tap?error=invalid");
        assertThat(browser.cookie("SESSION")).isNotBlank();
        HttpResponse<String> again = browser.get("/login/tap?error=invalid");
        assertThat(again.body()).contains("value=\"" + contact.email() + "\"");
        // the form served again is tied to the session now, and still works
        assertThat(browser.post("/login/tap", Map.of("username", contact.email(), "pass", "WRONGPASS234")).statusCode())
                .isEqualTo(302);
    }
}

@H2Test
class SignInFormCsrfH2Tests extends SignInFormCsrfTests {
}

@PostgresTest
class SignInFormCsrfPostgresTests extends SignInFormCsrfTests {
}
