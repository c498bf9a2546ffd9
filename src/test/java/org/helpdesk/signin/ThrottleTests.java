package org.helpdesk.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.helpdesk.accounts.Account;
import org.helpdesk.passes.IssuedPass;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Throttling (spec 5, NIST SP 800-63B 5.2.2): growing waits per account and method, a cap per client address,
 * revocation of the live pass after 100 consecutive failures, and no effect on other methods. Each test uses its own
 * client address, so tests do not throttle one another.
 */
@TestPropertySource(properties = {
        "helpdesk.signin.throttle.free-failures=3",
        "helpdesk.signin.throttle.first-delay=2s",
        "helpdesk.signin.throttle.max-delay=16s",
        "helpdesk.signin.throttle.address-max-failures=20",
        "helpdesk.signin.throttle.address-window=10m"})
abstract class ThrottleTests extends IntegrationTestSupport {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();
    private final String address = "192.0.2." + (ADDRESSES.incrementAndGet() % 250 + 1) + "-" + System.nanoTime();

    private ResultActions tap(String email, String pass) throws Exception {
        return tap(email, pass, address);
    }

    private ResultActions tap(String email, String pass, String from) throws Exception {
        return mvc.perform(post("/login/tap").param("username", email).param("pass", pass).with(csrf())
                .with(request -> {
                    request.setRemoteAddr(from);
                    return request;
                }));
    }

    private ResultActions password(String email, String password) throws Exception {
        return mvc.perform(post("/login").param("username", email).param("password", password).with(csrf())
                .with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                }));
    }

    private Instant blockedUntil(String key) {
        return jdbc.sql("select blocked_until from signin_throttle where throttle_key = :k").param("k", key)
                .query((rs, row) -> org.helpdesk.system.Timestamps.read(rs, "blocked_until")).optional().orElse(null);
    }

    @Test
    void waitsBeginAfterTheFreeFailuresAndDouble() throws Exception {
        enableTap();
        clock.fixAt(Instant.parse("2026-06-01T10:00:00Z"));
        Account person = newContact(false);
        IssuedPass pass = issue(person);
        for (int i = 0; i < 3; i++) {
            tap(person.email(), "WRONG-PASS-0000").andExpect(redirectedUrl("/login/tap?error=invalid"));
        }
        assertThat(blockedUntil("tap:" + person.email().toLowerCase())).isNull();
        tap(person.email(), "WRONG-PASS-0000").andExpect(redirectedUrl("/login/tap?error=invalid"));
        Instant now = clock.instant();
        assertThat(blockedUntil("tap:" + person.email().toLowerCase())).isEqualTo(now.plusSeconds(2));

        tap(person.email(), pass.value())
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "3"))
                .andExpect(forwardedUrl(ThrottledPage.PATH));

        clock.advance(Duration.ofSeconds(3));
        tap(person.email(), "WRONG-PASS-0000");
        assertThat(blockedUntil("tap:" + person.email().toLowerCase())).isEqualTo(clock.instant().plusSeconds(4));
        clock.advance(Duration.ofSeconds(5));
        tap(person.email(), "WRONG-PASS-0000");
        assertThat(blockedUntil("tap:" + person.email().toLowerCase())).isEqualTo(clock.instant().plusSeconds(8));
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofSeconds(17));
            tap(person.email(), "WRONG-PASS-0000");
        }
        assertThat(blockedUntil("tap:" + person.email().toLowerCase())).as("capped")
                .isEqualTo(clock.instant().plusSeconds(16));
    }

    @Test
    void throttledPageSaysWhenToRetryWithStatus429() throws Exception {
        clock.fixAt(Instant.parse("2026-06-07T10:00:00Z"));
        String nobody = uniqueEmail("nobody");
        org.helpdesk.support.Browser browser = new org.helpdesk.support.Browser(port);
        browser.get("/login/tap");
        java.net.http.HttpResponse<String> response = null;
        for (int i = 0; i < 5; i++) {
            response = browser.post("/login/tap", java.util.Map.of("username", nobody, "pass", "WRONG-PASS-0000"));
        }
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(response.body()).contains("Please wait 3 seconds", "Other ways of signing in are not affected");
    }

    @Test
    void successResetsTheCount() throws Exception {
        enableTap();
        clock.fixAt(Instant.parse("2026-06-02T10:00:00Z"));
        Account person = newContact(false);
        IssuedPass pass = issue(person);
        for (int i = 0; i < 3; i++) {
            tap(person.email(), "WRONG-PASS-0000");
        }
        tap(person.email(), pass.value()).andExpect(redirectedUrl("/"));
        assertThat(jdbc.sql("select count(*) from signin_throttle where throttle_key = :k")
                .param("k", "tap:" + person.email().toLowerCase()).query(Long.class).single()).isZero();
        for (int i = 0; i < 3; i++) {
            tap(person.email(), "WRONG-PASS-0000").andExpect(redirectedUrl("/login/tap?error=invalid"));
        }
    }

    @Test
    void unknownAccountsAreThrottledExactlyLikeKnownOnes() throws Exception {
        clock.fixAt(Instant.parse("2026-06-03T10:00:00Z"));
        String nobody = uniqueEmail("nobody");
        for (int i = 0; i < 4; i++) {
            tap(nobody, "WRONG-PASS-0000").andExpect(redirectedUrl("/login/tap?error=invalid"));
        }
        tap(nobody, "WRONG-PASS-0000").andExpect(status().isTooManyRequests());
    }

    @Test
    void throttledPassSignInNeverBlocksThePassword() throws Exception {
        enableTap();
        clock.fixAt(Instant.parse("2026-06-04T10:00:00Z"));
        Account person = newAgent(org.helpdesk.accounts.Role.AGENT);
        accounts.changeOwnPassword(user(person), null, "a long enough password");
        issue(person);
        for (int i = 0; i < 5; i++) {
            tap(person.email(), "WRONG-PASS-0000");
        }
        tap(person.email(), "WRONG-PASS-0000").andExpect(status().isTooManyRequests());
        assertThat(jdbc.sql("""
                        select count(*) from audit_events
                        where type = 'SIGN_IN_THROTTLED' and subject_id = :id and reason = 'THROTTLED_ACCOUNT'""")
                .param("id", person.id()).query(Long.class).single()).isPositive();
        password(person.email(), "a long enough password").andExpect(redirectedUrl("/"));
    }

    @Test
    void hundredConsecutiveFailuresRevokeTheLivePassAndTheLogSaysSo() throws Exception {
        enableTap();
        clock.fixAt(Instant.parse("2026-06-05T10:00:00Z"));
        Account person = newContact(false);
        IssuedPass pass = issue(person);
        for (int i = 1; i <= 100; i++) {
            clock.advance(Duration.ofSeconds(17));
            tap(person.email(), "WRONG-PASS-0000", "198.51.100." + (i % 200) + "-" + address)
                    .andExpect(redirectedUrl("/login/tap?error=invalid"));
        }
        assertThat(passes.exists(pass.passId())).isFalse();
        assertThat(jdbc.sql("""
                        select count(*) from audit_events
                        where type = 'PASS_REVOKED' and subject_id = :id and reason = 'TOO_MANY_FAILURES'""")
                .param("id", person.id()).query(Long.class).single()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(17));
        tap(person.email(), pass.value()).andExpect(redirectedUrl("/login/tap?error=invalid"));
    }

    @Test
    void oneAddressIsCappedAcrossAccountsAndOthersAreNot() throws Exception {
        enableTap();
        clock.fixAt(Instant.parse("2026-06-06T10:00:00Z"));
        for (int i = 0; i < 20; i++) {
            tap(uniqueEmail("spray"), "WRONG-PASS-0000").andExpect(redirectedUrl("/login/tap?error=invalid"));
        }
        Account person = newContact(false);
        IssuedPass pass = issue(person);
        tap(person.email(), pass.value()).andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"));
        password(person.email(), "whatever").andExpect(status().isTooManyRequests());
        tap(person.email(), pass.value(), "203.0.113.9-" + address).andExpect(redirectedUrl("/"));
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        tap(uniqueEmail("spray"), "WRONG-PASS-0000").andExpect(redirectedUrl("/login/tap?error=invalid"));
        assertThat(jdbc.sql("select count(*) from audit_events where type = 'SIGN_IN_THROTTLED' and reason = 'THROTTLED_ADDRESS'")
                .query(Long.class).single()).isGreaterThanOrEqualTo(2);
    }

    private MockHttpSession passwordStep(Account person) throws Exception {
        return (MockHttpSession) password(person.email(), "correct horse battery")
                .andExpect(redirectedUrl("/login/second-factor")).andReturn().getRequest().getSession();
    }

    private ResultActions code(MockHttpSession session, String code) throws Exception {
        return mvc.perform(post("/login/second-factor").session(session).param("code", code).with(csrf())
                .with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                }));
    }

    @Test
    void wrongSecondStepCodesMeetWaitsThatARightPasswordDoesNotClear() throws Exception {
        clock.fixAt(Instant.parse("2026-06-07T10:00:05Z"));
        Account person = newAgent(org.helpdesk.accounts.Role.AGENT);
        accounts.changeOwnPassword(user(person), null, "correct horse battery");
        String secret = addAuthenticatorApp(person).secret();
        clock.advance(Duration.ofSeconds(30));
        String right = totpCode(secret, clock.instant());
        String wrong = "000000".equals(right) ? "111111" : "000000";
        MockHttpSession session = passwordStep(person);
        for (int i = 0; i < 4; i++) {
            code(session, wrong).andExpect(redirectedUrl("/login/second-factor?error"));
        }
        code(session, right).andExpect(status().isTooManyRequests()).andExpect(header().exists("Retry-After"));
        MockHttpSession again = passwordStep(person);
        code(again, right).andExpect(status().isTooManyRequests());
        assertThat(jdbc.sql("select count(*) from audit_events where type = 'SIGN_IN_THROTTLED' and subject_id = :id")
                .param("id", person.id()).query(Long.class).single()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(3));
        code(again, right).andExpect(redirectedUrl("/"));
        assertThat(blockedUntil("second-step:" + person.id())).isNull();
    }
}

@H2Test
class ThrottleH2Tests extends ThrottleTests {
}

@PostgresTest
class ThrottlePostgresTests extends ThrottleTests {
}
