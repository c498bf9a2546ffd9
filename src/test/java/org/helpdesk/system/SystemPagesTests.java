package org.helpdesk.system;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.assertj.core.api.Assertions;
import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Role;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** Error pages, security headers, and bad input on the public pages. */
@H2Test
class SystemPagesTests extends IntegrationTestSupport {

    @Test
    void everyPageCarriesTheSecurityHeaders() throws Exception {
        for (String path : new String[] {"/login", "/login/tap", "/does-not-exist"}) {
            mvc.perform(get(path))
                    .andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
                    .andExpect(header().string("Content-Security-Policy", containsString("default-src 'self'")))
                    .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                    .andExpect(header().string("X-Frame-Options", "DENY"))
                    .andExpect(header().string("Referrer-Policy", "same-origin"))
                    .andExpect(header().string("Cache-Control", containsString("no-store")));
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> fetch(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/html,application/xhtml+xml");
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in over real HTTP and returns the session cookie. */
    private String signIn(Account account) throws Exception {
        accounts.changeOwnPassword(user(account), null, "a long enough password");
        HttpResponse<String> page = fetch("/login", null);
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        Assertions.assertThat(m.find()).isTrue();
        String form = "username=" + java.net.URLEncoder.encode(account.email(), java.nio.charset.StandardCharsets.UTF_8)
                + "&password=a+long+enough+password&_csrf=" + m.group(1);
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Assertions.assertThat(done.statusCode()).isEqualTo(302);
        return done.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    @Test
    void unknownPageGivesFriendly404InTheLayout() throws Exception {
        String session = signIn(newAgent(Role.MANAGER));
        HttpResponse<String> response = fetch("/no/such/page", session);
        Assertions.assertThat(response.statusCode()).isEqualTo(404);
        Assertions.assertThat(response.body()).contains("Page not found", "Back to the start page", "Contact list")
                .doesNotContain("Exception", "Whitelabel");
    }

    @Test
    void forbiddenPageIsFriendly403() throws Exception {
        String session = signIn(newAgent(Role.AGENT));
        HttpResponse<String> response = fetch("/agents", session);
        Assertions.assertThat(response.statusCode()).isEqualTo(403);
        Assertions.assertThat(response.body()).contains("You cannot do that", "Back to the start page")
                .doesNotContain("Exception", "Whitelabel");
    }

    @Test
    void badRequestPageIsFriendly400() throws Exception {
        String session = signIn(newAgent(Role.MANAGER));
        HttpResponse<String> response = fetch("/contacts?page=abc", session);
        Assertions.assertThat(response.statusCode()).isEqualTo(400);
        Assertions.assertThat(response.body()).contains("Nothing was changed").doesNotContain("Exception");
    }

    @Test
    void homeSendsPeopleManagersToListsOthersToTheirProfileAndPassSessionsToRegisterAMethod() throws Exception {
        mvc.perform(get("/").with(as(newAgent(Role.MANAGER)))).andExpect(redirectedUrl("/agents"));
        mvc.perform(get("/").with(as(newContact(false)))).andExpect(redirectedUrl("/profile"));
        mvc.perform(get("/")).andExpect(status().is3xxRedirection());
        Account guest = newContact(true);
        Account contact = newContact(false);
        enableTap();
        org.helpdesk.passes.IssuedPass guestPass = issue(guest);
        org.helpdesk.passes.IssuedPass contactPass = issue(contact);
        var guestSession = tapSignIn(guest.email(), guestPass.value()).andReturn().getRequest().getSession();
        var contactSession = tapSignIn(contact.email(), contactPass.value()).andReturn().getRequest().getSession();
        mvc.perform(get("/").session((org.springframework.mock.web.MockHttpSession) contactSession))
                .andExpect(redirectedUrl("/profile"));
        mvc.perform(get("/people/" + contact.id() + "/authentication")
                        .session((org.springframework.mock.web.MockHttpSession) contactSession))
                .andExpect(content().string(containsString("Proceed to update or register a new authentication method")));
        mvc.perform(get("/people/" + guest.id() + "/authentication")
                        .session((org.springframework.mock.web.MockHttpSession) guestSession))
                .andExpect(content().string(not(containsString("Proceed to update"))));
    }

    static java.util.stream.Stream<String> oddInput() {
        return java.util.stream.Stream.of("", " ", "x".repeat(5000), "\u0000\u0001", "é\u0301@ü.example",
                "<script>alert(1)</script>", "'; drop table accounts; --", "a@b.c\r\nSet-Cookie: x=y");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("oddInput")
    void oddSignInInputIsAPlainRefusal(String value) throws Exception {
        tapSignIn(value, value).andExpect(redirectedUrl("/login/tap?error=invalid"));
        passwordSignIn(value, value).andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void unknownErrorCodeOnTheTapPageShowsTheGenericMessage() throws Exception {
        mvc.perform(get("/login/tap").param("error", "<b>x</b>"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("The email address or pass is not right")))
                .andExpect(content().string(not(containsString("<b>x</b>"))));
    }

    @Test
    void hugeOrMalformedRequestsAreRefusedWithoutServerErrors() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> huge = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login/tap"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + "a".repeat(3_000_000))).build(),
                HttpResponse.BodyHandlers.ofString());
        Assertions.assertThat(huge.statusCode()).isBetween(400, 499);
        mvc.perform(post("/login/tap").with(csrf()).contentType("application/x-www-form-urlencoded").content("%%%=%%"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/people/99999999999999999999999").with(as(newAdmin()))).andExpect(status().isBadRequest());
    }
}
