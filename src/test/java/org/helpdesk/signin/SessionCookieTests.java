package org.helpdesk.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.accounts.Role;
import org.helpdesk.passes.CharacterSet;
import org.helpdesk.passes.IssueRequest;
import org.helpdesk.passes.IssuedPass;
import org.helpdesk.passes.TapPolicy;
import org.helpdesk.support.Browser;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/** The session cookie's attributes and the server-side timeouts (security.md "Sessions"). */
abstract class SessionCookieTests extends IntegrationTestSupport {

    @Autowired
    private SessionRepository<? extends Session> sessions;

    @Test
    void sessionCookieIsHttpOnlySameSiteLaxAndNotInUrls() throws Exception {
        Account agent = newAgent(Role.AGENT);
        accounts.changeOwnPassword(user(agent), null, "a long enough password");
        Browser browser = new Browser(port);
        var form = browser.get("/login");
        assertThat(form.body()).doesNotContain(";jsessionid=").doesNotContain("SESSION=");
        var signedIn = browser.post("/login", Map.of("username", agent.email(), "password", "a long enough password"));
        assertThat(browser.location(signedIn)).isEqualTo("/");
        String setCookie = signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION="))
                .findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
    }

    @Test
    void sessionCookieIsSecureWhenServedOverTls() throws Exception {
        Account agent = newAgent(Role.AGENT);
        accounts.changeOwnPassword(user(agent), null, "a long enough password");
        var cookie = mvc.perform(post("/login").secure(true).with(csrf()).param("username", agent.email())
                .param("password", "a long enough password")).andExpect(redirectedUrl("/"))
                .andReturn().getResponse().getHeader("Set-Cookie");
        assertThat(cookie).startsWith("SESSION=").contains("Secure").contains("HttpOnly");
    }

    @Test
    void sessionEndsAfterTheAbsoluteTimeoutHoweverActive() throws Exception {
        Account agent = newAgent(Role.AGENT);
        accounts.changeOwnPassword(user(agent), null, "a long enough password");
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").session(session).with(csrf()).param("username", agent.email())
                .param("password", "a long enough password")).andExpect(redirectedUrl("/"));
        for (int hour = 0; hour < 12; hour++) {
            clock.advance(Duration.ofMinutes(59));
            mvc.perform(get("/profile").session(session))
                    .andExpect(redirectedUrl("/people/" + agent.id() + "/authentication"));
        }
        clock.advance(Duration.ofMinutes(13));
        mvc.perform(get("/profile").session(session)).andExpect(redirectedUrl("/login?sessionEnded"));
    }

    @Test
    void passSessionHoldsOnlyTheCompactSecurityContextAndEndsAfterTheAbsoluteTimeout() {
        setPolicy(new TapPolicy(true, 10, TapPolicy.LIFETIME_MAX, 60, false, 12, CharacterSet.BASE32));
        Account contact = newContact(false);
        IssuedPass pass = issue(contact, new IssueRequest(null, 2 * 24 * 60, false));
        Browser browser = new Browser(port);
        browser.get("/login/tap");
        assertThat(browser.location(browser.post("/login/tap", Map.of("username", contact.email(), "pass", pass.value()))))
                .isEqualTo("/");
        // the moment of sign-in travels in the principal: the session's one attribute row is the security context
        assertThat(jdbc.sql("""
                        select a.attribute_name from spring_session_attributes a
                        join spring_session s on s.primary_id = a.session_primary_id
                        where s.principal_name = :name""")
                .param("name", String.valueOf(contact.id())).query(String.class).list())
                .containsExactly("SPRING_SECURITY_CONTEXT");
        // in the compact form of a pass sign-in (SessionSerializationTests), read back by the requests below
        assertThat(jdbc.sql("""
                        select octet_length(a.attribute_bytes) from spring_session_attributes a
                        join spring_session s on s.primary_id = a.session_primary_id
                        where s.principal_name = :name""")
                .param("name", String.valueOf(contact.id())).query(Integer.class).single()).isLessThan(500);
        clock.advance(Duration.ofHours(11).plusMinutes(59));
        String stillIn = browser.location(browser.get("/profile"));
        assertThat(stillIn == null || !stillIn.startsWith("/login")).as("still signed in, at %s", stillIn).isTrue();
        clock.advance(Duration.ofMinutes(2));
        assertThat(browser.location(browser.get("/profile"))).isEqualTo("/login?sessionEnded");
    }

    @Test
    void sessionSavedWithTheMomentOfSignInAsItsOwnAttributeStillEndsAfterTheAbsoluteTimeout() {
        // as sessions were saved before the moment of sign-in became part of the principal
        Account agent = newAgent(Role.AGENT);
        CurrentUser principal = user(agent);
        assertThat(principal.signedInAt()).isNull();
        String id = save(sessions, Map.of(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                        principal.authorities())),
                SessionRulesFilter.SIGNED_IN_AT, clock.instant()));
        Browser browser = new Browser(port);
        browser.setCookie("SESSION", Base64.getEncoder().encodeToString(id.getBytes(StandardCharsets.UTF_8)));
        clock.advance(Duration.ofHours(11).plusMinutes(59));
        assertThat(browser.location(browser.get("/profile"))).isEqualTo("/people/" + agent.id() + "/authentication");
        clock.advance(Duration.ofMinutes(2));
        assertThat(browser.location(browser.get("/profile"))).isEqualTo("/login?sessionEnded");
    }

    @Test
    void aSessionThisVersionCannotReadSendsThePersonToSignInAgainInsteadOfFailing() {
        Account agent = newAgent(Role.AGENT);
        Browser browser = signedInWithPassword(agent);
        // as another version of the service would have written it: the stored person is of a class unknown here
        String context = """
                select a.attribute_bytes from spring_session_attributes a
                join spring_session s on s.primary_id = a.session_primary_id
                where s.principal_name = :name and a.attribute_name = 'SPRING_SECURITY_CONTEXT'""";
        byte[] stored = jdbc.sql(context).param("name", String.valueOf(agent.id())).query(byte[].class).single();
        byte[] foreign = replaceAscii(stored, "org.helpdesk.accounts.CurrentUser", "org.helpdesk.accounts.CurrentUsex");
        jdbc.sql("""
                        update spring_session_attributes set attribute_bytes = :bytes
                        where attribute_name = 'SPRING_SECURITY_CONTEXT' and session_primary_id =
                              (select primary_id from spring_session where principal_name = :name)""")
                .param("bytes", foreign).param("name", String.valueOf(agent.id())).update();

        var unreadable = browser.get("/profile");
        assertThat(unreadable.statusCode()).isEqualTo(302);
        assertThat(browser.location(unreadable)).isEqualTo("/login");
        assertThat(browser.get("/login").statusCode()).isEqualTo(200);
        // signed in again, back to the page asked for
        assertThat(browser.location(browser.post("/login", Map.of("username", agent.email(), "password",
                "a long enough password")))).isEqualTo("/profile?continue");
        assertThat(browser.location(browser.get("/profile"))).isEqualTo("/people/" + agent.id() + "/authentication");
        assertThat(jdbc.sql(context).param("name", String.valueOf(agent.id())).query(byte[].class).single())
                .as("written anew at the sign-in").isNotEqualTo(foreign);
    }

    /** A browser in which the agent, given a password, has signed in and opened their profile. */
    private Browser signedInWithPassword(Account agent) {
        accounts.changeOwnPassword(user(agent), null, "a long enough password");
        Browser browser = new Browser(port);
        browser.get("/login");
        assertThat(browser.location(browser.post("/login", Map.of("username", agent.email(), "password",
                "a long enough password")))).isEqualTo("/");
        assertThat(browser.location(browser.get("/profile"))).isEqualTo("/people/" + agent.id() + "/authentication");
        return browser;
    }

    private static byte[] replaceAscii(byte[] bytes, String from, String to) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(text).contains(from);
        return text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static <S extends Session> String save(SessionRepository<S> repository, Map<String, Object> attributes) {
        S session = repository.createSession();
        attributes.forEach(session::setAttribute);
        repository.save(session);
        return session.getId();
    }

    @Test
    void sessionEndsAfterTheIdleTimeoutOnTheServer() throws Exception {
        Account agent = newAgent(Role.AGENT);
        Browser browser = signedInWithPassword(agent);
        int idleSeconds = jdbc.sql("select max_inactive_interval from spring_session where principal_name = :name")
                .param("name", String.valueOf(agent.id())).query(Integer.class).single();
        assertThat(idleSeconds).isEqualTo(30 * 60);
        // the last request was 31 minutes ago, as the server sees it
        long longAgo = System.currentTimeMillis() - Duration.ofMinutes(31).toMillis();
        jdbc.sql("""
                        update spring_session set last_access_time = :at, expiry_time = :expiry
                        where principal_name = :name""")
                .param("at", longAgo).param("expiry", longAgo + idleSeconds * 1000L)
                .param("name", String.valueOf(agent.id())).update();
        assertThat(browser.location(browser.get("/profile"))).isEqualTo("/login");
    }

    @Test
    void adminEndsAllOfAPersonsSessionsFromTheirProfile() throws Exception {
        Account agent = newAgent(Role.AGENT);
        accounts.changeOwnPassword(user(agent), null, "a long enough password");
        Browser phone = new Browser(port);
        Browser laptop = new Browser(port);
        for (Browser b : new Browser[] {phone, laptop}) {
            b.get("/login");
            assertThat(b.location(b.post("/login", Map.of("username", agent.email(), "password",
                    "a long enough password")))).isEqualTo("/");
            assertThat(b.location(b.get("/profile"))).isEqualTo("/people/" + agent.id() + "/authentication");
        }
        mvc.perform(post("/people/" + agent.id() + "/end-sessions").with(as(newAdmin())).with(csrf()))
                .andExpect(redirectedUrl("/people/" + agent.id()));
        assertThat(phone.location(phone.get("/profile"))).isEqualTo("/login?sessionEnded");
        assertThat(laptop.location(laptop.get("/profile"))).isEqualTo("/login?sessionEnded");
        mvc.perform(post("/people/" + agent.id() + "/end-sessions").with(as(newAgent(Role.MANAGER))).with(csrf()))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isForbidden());
    }
}

@H2Test
class SessionCookieH2Tests extends SessionCookieTests {
}

@PostgresTest
class SessionCookiePostgresTests extends SessionCookieTests {
}
