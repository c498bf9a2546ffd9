package org.helpdesk.apitokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Role;
import org.helpdesk.passes.IssuedPass;
import org.helpdesk.support.ApiClient;
import org.helpdesk.support.Browser;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.PostgresTest;
import org.junit.jupiter.api.Test;

/**
 * The API takes API tokens and nothing else (spec 7): a pass never authenticates it, not as Basic credentials,
 * not as a bearer token, and no browser session does either, however it was made. Every refusal is a 401 problem
 * document that asks for a bearer token, never a redirect to a sign-in page, and the API never sets a cookie.
 */
abstract class ApiAuthenticationTests extends IntegrationTestSupport {

    private static final String PASSWORD = "a long enough password";

    private static void assertRefused(ApiClient.Response response) {
        assertThat(response.status()).as("%s", response).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.header("Location")).isNull();
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(response.text("detail")).contains("Bearer");
        assertThat(response.json().get("status").asInt()).isEqualTo(401);
    }

    private static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** An admin with a password and a live pass: whatever the API is sent, it is refused. */
    private Account adminWithPasswordAndPass() {
        enableTap();
        Account admin = newAdmin();
        accounts.changeOwnPassword(user(admin), null, PASSWORD);
        return admin;
    }

    @Test
    void callWithoutCredentialsGets401AskingForBearerToken() {
        for (String path : List.of("/api/v1/users", "/api/v1/policies/temporary-access-pass", "/api/v1/audit-events",
                "/api/v1/no-such-thing", "/api")) {
            assertRefused(new ApiClient(port).get(path));
        }
        assertRefused(new ApiClient(port).post("/api/v1/temporary-access-passes/batch", Map.of()));
    }

    @Test
    void emailAndPassAsBasicCredentialsGet401AndTheOneTimePassStaysUnused() throws Exception {
        Account admin = adminWithPasswordAndPass();
        IssuedPass pass = issue(admin, new org.helpdesk.passes.IssueRequest(null, null, true));
        for (String secret : List.of(pass.value(), pass.grouped(), pass.value().toLowerCase(), PASSWORD)) {
            ApiClient client = new ApiClient(port).header("Authorization", basic(admin.email(), secret));
            assertRefused(client.get("/api/v1/users"));
            assertRefused(client.post("/api/v1/users/" + admin.id() + "/temporary-access-passes", Map.of()));
        }
        assertThat(passes.list(admin.id(), user(admin)).get(0).useCount()).isZero();
        tapSignIn(admin.email(), pass.value())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/"));
    }

    @Test
    void passAsBearerTokenGets401() {
        Account admin = adminWithPasswordAndPass();
        IssuedPass pass = issue(admin);
        for (String secret : List.of(pass.value(), pass.grouped(), admin.email() + ":" + pass.value(), PASSWORD)) {
            ApiClient.Response response = ApiClient.withToken(port, secret).get("/api/v1/users");
            assertRefused(response);
            assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
        }
        assertThat(passes.list(admin.id(), user(admin)).get(0).useCount()).isZero();
    }

    @Test
    void browserSessionMadeWithPassGets401() {
        Account admin = adminWithPasswordAndPass();
        IssuedPass pass = issue(admin);
        Browser browser = new Browser(port);
        browser.get("/login/tap");
        assertThat(browser.location(browser.post("/login/tap", Map.of("username", admin.email(), "pass", pass.value()))))
                .isEqualTo("/");
        assertSessionRefusedByApi(browser, admin);
    }

    @Test
    void browserSessionMadeWithPasswordGets401() {
        Account admin = adminWithPasswordAndPass();
        Browser browser = new Browser(port);
        browser.get("/login");
        assertThat(browser.location(browser.post("/login", Map.of("username", admin.email(), "password", PASSWORD))))
                .isEqualTo("/");
        assertSessionRefusedByApi(browser, admin);
    }

    private void assertSessionRefusedByApi(Browser browser, Account admin) {
        assertThat(browser.location(browser.get("/profile"))).as("signed in")
                .isEqualTo("/people/" + admin.id() + "/authentication");
        browser.get("/people/" + admin.id() + "/authentication");
        String cookie = "SESSION=" + browser.cookie("SESSION");
        ApiClient withCookie = new ApiClient(port).header("Cookie", cookie)
                .header("X-CSRF-TOKEN", browser.csrfToken() == null ? "" : browser.csrfToken());
        ApiClient.Response read = withCookie.get("/api/v1/users");
        assertRefused(read);
        assertThat(read.text("detail")).contains("console does not authorize API calls");
        long passesBefore = jdbc.sql("select count(*) from temporary_access_passes").query(Long.class).single();
        assertRefused(withCookie.post("/api/v1/users/" + newContact(false).id() + "/temporary-access-passes", Map.of()));
        assertRefused(withCookie.put("/api/v1/policies/temporary-access-pass", Map.of("enabled", false)));
        assertThat(jdbc.sql("select count(*) from temporary_access_passes").query(Long.class).single())
                .isEqualTo(passesBefore);
        assertThat(policies.current().enabled()).isTrue();
        assertThat(browser.location(browser.get("/profile"))).as("still signed in in the browser")
                .isEqualTo("/people/" + admin.id() + "/authentication");
    }

    @Test
    void apiAnswersNeverSetCookiesNorMakeSessions() {
        Account admin = newAdmin();
        long sessions = jdbc.sql("select count(*) from spring_session").query(Long.class).single();
        ApiClient api = api(admin);
        for (ApiClient.Response response : List.of(api.get("/api/v1/users"), api.get("/api/v1/nope"),
                api.post("/api/v1/users", "{"), new ApiClient(port).get("/api/v1/users"),
                new ApiClient(port).get("/api/v1/openapi.json"))) {
            assertThat(response.headers().allValues("Set-Cookie")).as("%s", response).isEmpty();
        }
        assertThat(jdbc.sql("select count(*) from spring_session").query(Long.class).single()).isEqualTo(sessions);
    }

    @Test
    void openApiDocumentIsPublicAndEverythingElseNeedsAToken() {
        ApiClient.Response docs = new ApiClient(port).get("/api/v1/openapi.json");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("openapi").asString()).startsWith("3.");
        assertThat(api(newAgent(Role.AGENT)).get("/api/v1/users/" + newAgent(Role.AGENT).id()).status()).isEqualTo(403);
    }
}

@H2Test
class ApiAuthenticationH2Tests extends ApiAuthenticationTests {
}

@PostgresTest
class ApiAuthenticationPostgresTests extends ApiAuthenticationTests {
}
