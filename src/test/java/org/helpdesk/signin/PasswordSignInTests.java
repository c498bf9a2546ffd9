package org.helpdesk.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.http.HttpResponse;
import java.util.Map;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.InvalidInputException;
import org.helpdesk.accounts.Role;
import org.helpdesk.passes.IssuedPass;
import org.helpdesk.support.Browser;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.MockSessionIdResolver;
import org.helpdesk.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

/** Email and password sign-in, sign-out, and changing one's own password (spec 3, 5, 6; security: sessions). */
abstract class PasswordSignInTests extends IntegrationTestSupport {

    private static final String PASSWORD = "correct horse battery";

    private Account agentWithPassword() {
        Account agent = newAgent(Role.AGENT);
        accounts.changeOwnPassword(user(agent), null, PASSWORD);
        return accounts.find(agent.id()).orElseThrow();
    }

    private String passwordHash(Account account) {
        return jdbc.sql("select password_hash from accounts where id = :id").param("id", account.id())
                .query(String.class).optional().orElse(null);
    }

    private static MockHttpSession sessionOf(ResultActions result) {
        return (MockHttpSession) result.andReturn().getRequest().getSession();
    }

    /** Where an anonymous request to a page is sent: the sign-in page, written absolute or not. */
    private void assertSentToSignIn(MockHttpSession session) throws Exception {
        String target = mvc.perform(get("/profile").session(session)).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(target).endsWith("/login");
    }

    @Test
    void signInPageWhenOpenedThenFormWithCsrfTokenAndWayToTapSignIn() throws Exception {
        mvc.perform(get("/login")).andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"_csrf\"")))
                .andExpect(content().string(containsString("name=\"password\"")))
                .andExpect(content().string(containsString("href=\"/login/tap\"")))
                .andExpect(content().string(not(containsString("id=\"signin-error\""))));
    }

    @Test
    void signInPageWhenFailedSignedOutOrSessionEndedThenSaysSo() throws Exception {
        mvc.perform(get("/login").param("error", "")).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"signin-error\"")))
                .andExpect(content().string(containsString("aria-describedby=\"signin-error\"")));
        mvc.perform(get("/login").param("signedOut", "")).andExpect(status().isOk())
                .andExpect(content().string(containsString("You have signed out.")))
                .andExpect(content().string(not(containsString("aria-describedby=\"signin-error\""))));
        mvc.perform(get("/login").param("sessionEnded", "")).andExpect(status().isOk())
                .andExpect(content().string(containsString("Your session has ended.")));
    }

    @Test
    void signInWhenEmailAndPasswordRightThenSignedInWithPasswordSession() throws Exception {
        Account agent = agentWithPassword();
        MockHttpSession session = sessionOf(passwordSignIn(agent.email(), PASSWORD).andExpect(redirectedUrl("/")));
        mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/profile"));
        mvc.perform(get("/profile").session(session))
                .andExpect(redirectedUrl("/people/" + agent.id() + "/authentication"));
        mvc.perform(get("/people/" + agent.id() + "/authentication").session(session)).andExpect(status().isOk());
    }

    @Test
    void signInWhenEmailTypedInOtherCaseThenSignedIn() throws Exception {
        Account agent = agentWithPassword();
        passwordSignIn(agent.email().toUpperCase(java.util.Locale.ROOT), PASSWORD).andExpect(redirectedUrl("/"));
        passwordSignIn("  " + agent.email().toUpperCase(java.util.Locale.ROOT) + " ", PASSWORD)
                .andExpect(redirectedUrl("/"));
    }

    @Test
    void signInWhenPasswordWrongThenGenericErrorAndNotSignedIn() throws Exception {
        Account agent = agentWithPassword();
        MockHttpSession session = sessionOf(passwordSignIn(agent.email(), PASSWORD + "x")
                .andExpect(status().isFound()).andExpect(redirectedUrl("/login?error")));
        assertSentToSignIn(session);
        passwordSignIn(agent.email(), PASSWORD.toUpperCase(java.util.Locale.ROOT))
                .andExpect(redirectedUrl("/login?error"));
        passwordSignIn(agent.email(), "").andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void signInWhenEmailUnknownThenSameErrorAsWrongPassword() throws Exception {
        MockHttpSession session = sessionOf(passwordSignIn(uniqueEmail("nobody"), PASSWORD)
                .andExpect(status().isFound()).andExpect(redirectedUrl("/login?error")));
        assertSentToSignIn(session);
        passwordSignIn("not an email", PASSWORD).andExpect(redirectedUrl("/login?error"));
        passwordSignIn("x".repeat(5000) + "@example.com", PASSWORD).andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void signInWhenAccountDisabledThenSameErrorAsWrongPassword() throws Exception {
        Account agent = agentWithPassword();
        accounts.setActive(agent.id(), false, user(newAdmin()));
        MockHttpSession session = sessionOf(passwordSignIn(agent.email(), PASSWORD)
                .andExpect(status().isFound()).andExpect(redirectedUrl("/login?error")));
        assertSentToSignIn(session);
    }

    @Test
    void signInWhenAccountHasNoPasswordThenSameErrorAsWrongPassword() throws Exception {
        Account agent = newAgent(Role.AGENT);
        passwordSignIn(agent.email(), PASSWORD).andExpect(status().isFound()).andExpect(redirectedUrl("/login?error"));
        passwordSignIn(agent.email(), "").andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void changeOwnPasswordWhenGuestThenRefusedAndNoPasswordStored() {
        Account guest = newContact(true);
        assertThatThrownBy(() -> accounts.changeOwnPassword(user(guest), null, PASSWORD))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.messageCode()).isEqualTo("password.guest"));
        assertThat(passwordHash(guest)).isNull();
        assertThat(accounts.find(guest.id()).orElseThrow().hasPassword()).isFalse();
    }

    @Test
    void passwordFormWhenGuestThenRefusedNothingStoredAndPasswordSignInFails() throws Exception {
        Account guest = newContact(true);
        mvc.perform(post("/profile/password").with(as(guest)).with(csrf())
                        .param("newPassword", PASSWORD).param("confirmPassword", PASSWORD))
                .andExpect(redirectedUrl("/people/" + guest.id() + "/authentication"))
                .andExpect(flash().attribute("passwordProblem", "password.guest"));
        assertThat(passwordHash(guest)).isNull();
        passwordSignIn(guest.email(), PASSWORD).andExpect(status().isFound()).andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void signInWhenSuccessfulThenSessionIdChanges() throws Exception {
        Account agent = agentWithPassword();
        MockHttpSession session = new MockHttpSession();
        mvc.perform(get("/login").session(session)).andExpect(status().isOk());
        String before = MockSessionIdResolver.databaseSessionId(session);
        assertThat(before).isNotBlank();
        mvc.perform(post("/login").session(session).with(csrf())
                        .param("username", agent.email()).param("password", PASSWORD))
                .andExpect(redirectedUrl("/"));
        String after = MockSessionIdResolver.databaseSessionId(session);
        assertThat(after).isNotBlank().isNotEqualTo(before);
    }

    @Test
    void signInWhenOverHttpThenNewSessionCookieAndOldOneNotSignedIn() {
        Account agent = agentWithPassword();
        Browser browser = new Browser(port);
        assertThat(browser.get("/login").statusCode()).isEqualTo(200);
        String before = browser.cookie("SESSION");
        assertThat(before).isNotBlank();
        assertThat(browser.csrfToken()).isNotBlank();

        HttpResponse<String> signIn = browser.post("/login", Map.of("username", agent.email(), "password", PASSWORD));
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(browser.location(signIn)).isEqualTo("/");
        String after = browser.cookie("SESSION");
        assertThat(after).isNotBlank().isNotEqualTo(before);
        assertThat(browser.location(browser.get("/profile"))).isEqualTo("/people/" + agent.id() + "/authentication");

        Browser attacker = new Browser(port);
        attacker.setCookie("SESSION", before);
        assertThat(attacker.location(attacker.get("/profile"))).isEqualTo("/login");
    }

    @Test
    void signInWhenSuccessfulThenCsrfTokenFromBeforeSignInNoLongerAccepted() {
        Account agent = agentWithPassword();
        String hash = passwordHash(agent);
        Browser browser = new Browser(port);
        browser.get("/login");
        String tokenBefore = browser.csrfToken();
        browser.post("/login", Map.of("username", agent.email(), "password", PASSWORD));

        String newPassword = "a new and longer passphrase";
        Map<String, String> form = Map.of("currentPassword", PASSWORD, "newPassword", newPassword,
                "confirmPassword", newPassword);
        Map<String, String> withOldToken = new java.util.HashMap<>(form);
        withOldToken.put("_csrf", tokenBefore);
        assertThat(browser.post("/profile/password", withOldToken).statusCode()).isEqualTo(403);
        assertThat(passwordHash(agent)).isEqualTo(hash);

        assertThat(browser.get("/people/" + agent.id() + "/authentication").statusCode()).isEqualTo(200);
        HttpResponse<String> withNewToken = browser.post("/profile/password", form);
        assertThat(browser.location(withNewToken)).isEqualTo("/people/" + agent.id() + "/authentication");
        assertThat(passwordHash(agent)).isNotEqualTo(hash);
    }

    @Test
    void signInWhenCsrfTokenMissingThenForbiddenAndNotSignedIn() throws Exception {
        Account agent = agentWithPassword();
        MockHttpSession session = sessionOf(mvc.perform(post("/login")
                        .param("username", agent.email()).param("password", PASSWORD))
                .andExpect(status().isForbidden()));
        assertSentToSignIn(session);
        MockHttpSession forged = sessionOf(mvc.perform(post("/login").with(csrf().useInvalidToken())
                        .param("username", agent.email()).param("password", PASSWORD))
                .andExpect(status().isForbidden()));
        assertSentToSignIn(forged);
    }

    @Test
    void signOutWhenSignedInThenSessionInvalidatedOnTheServer() {
        Account agent = agentWithPassword();
        Browser browser = new Browser(port);
        browser.get("/login");
        browser.post("/login", Map.of("username", agent.email(), "password", PASSWORD));
        String session = browser.cookie("SESSION");
        assertThat(browser.get("/people/" + agent.id() + "/authentication").statusCode()).isEqualTo(200);

        HttpResponse<String> signOut = browser.post("/logout", Map.of());
        assertThat(signOut.statusCode()).isEqualTo(302);
        assertThat(browser.location(signOut)).isEqualTo("/login?signedOut");
        assertThat(browser.cookie("SESSION")).isNotEqualTo(session);

        Browser replay = new Browser(port);
        replay.setCookie("SESSION", session);
        HttpResponse<String> afterwards = replay.get("/profile");
        assertThat(afterwards.statusCode()).isEqualTo(302);
        assertThat(replay.location(afterwards)).isEqualTo("/login");
    }

    @Test
    void signOutWhenCsrfTokenMissingThenRefusedAndStillSignedIn() throws Exception {
        Account agent = agentWithPassword();
        MockHttpSession session = sessionOf(passwordSignIn(agent.email(), PASSWORD));
        mvc.perform(post("/logout").session(session)).andExpect(status().isForbidden());
        mvc.perform(get("/profile").session(session))
                .andExpect(redirectedUrl("/people/" + agent.id() + "/authentication"));
    }

    @Test
    void changePasswordWhenPasswordSessionAndCurrentPasswordRightThenNewPasswordWorksAndOldNot() throws Exception {
        Account agent = agentWithPassword();
        MockHttpSession session = sessionOf(passwordSignIn(agent.email(), PASSWORD));
        String newPassword = "a new and longer passphrase";
        mvc.perform(post("/profile/password").session(session).with(csrf())
                        .param("currentPassword", PASSWORD)
                        .param("newPassword", newPassword).param("confirmPassword", newPassword))
                .andExpect(redirectedUrl("/people/" + agent.id() + "/authentication"))
                .andExpect(flash().attribute("notice", "password.changed"));
        passwordSignIn(agent.email(), newPassword).andExpect(redirectedUrl("/"));
        passwordSignIn(agent.email(), PASSWORD).andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void changePasswordWhenPasswordSessionAndCurrentPasswordWrongOrMissingThenRefusedAndNothingChanged()
            throws Exception {
        Account agent = agentWithPassword();
        String hash = passwordHash(agent);
        MockHttpSession session = sessionOf(passwordSignIn(agent.email(), PASSWORD));
        String newPassword = "a new and longer passphrase";
        for (String current : new String[] {"not the password", ""}) {
            mvc.perform(post("/profile/password").session(session).with(csrf())
                            .param("currentPassword", current)
                            .param("newPassword", newPassword).param("confirmPassword", newPassword))
                    .andExpect(flash().attribute("passwordProblem", "password.currentWrong"));
        }
        mvc.perform(post("/profile/password").session(session).with(csrf())
                        .param("newPassword", newPassword).param("confirmPassword", newPassword))
                .andExpect(flash().attribute("passwordProblem", "password.currentWrong"));
        assertThat(passwordHash(agent)).isEqualTo(hash);
        passwordSignIn(agent.email(), newPassword).andExpect(redirectedUrl("/login?error"));
        passwordSignIn(agent.email(), PASSWORD).andExpect(redirectedUrl("/"));
    }

    @Test
    void changePasswordWhenTapSessionThenCurrentPasswordNotNeeded() throws Exception {
        enableTap();
        Account agent = agentWithPassword();
        IssuedPass pass = issue(agent);
        MockHttpSession session = sessionOf(tapSignIn(agent.email(), pass.value()).andExpect(redirectedUrl("/")));
        String newPassword = "recovered after losing it";
        mvc.perform(post("/profile/password").session(session).with(csrf())
                        .param("newPassword", newPassword).param("confirmPassword", newPassword))
                .andExpect(redirectedUrl("/people/" + agent.id() + "/authentication"))
                .andExpect(flash().attribute("notice", "password.changed"));
        passwordSignIn(agent.email(), newPassword).andExpect(redirectedUrl("/"));
        passwordSignIn(agent.email(), PASSWORD).andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void changePasswordWhenFirstPasswordThenCurrentPasswordNotNeeded() throws Exception {
        Account agent = newAgent(Role.AGENT);
        mvc.perform(post("/profile/password").with(as(agent)).with(csrf())
                        .param("newPassword", PASSWORD).param("confirmPassword", PASSWORD))
                .andExpect(flash().attribute("notice", "password.changed"));
        passwordSignIn(agent.email(), PASSWORD).andExpect(redirectedUrl("/"));
    }

    @Test
    void changePasswordWhenTooShortThenRefusedAndNothingChanged() throws Exception {
        Account agent = agentWithPassword();
        String hash = passwordHash(agent);
        MockHttpSession session = sessionOf(passwordSignIn(agent.email(), PASSWORD));
        mvc.perform(post("/profile/password").session(session).with(csrf())
                        .param("currentPassword", PASSWORD)
                        .param("newPassword", "short7!").param("confirmPassword", "short7!"))
                .andExpect(redirectedUrl("/people/" + agent.id() + "/authentication"))
                .andExpect(flash().attribute("passwordProblem", "password.tooShort"));
        mvc.perform(post("/profile/password").session(session).with(csrf())
                        .param("currentPassword", PASSWORD)
                        .param("newPassword", "").param("confirmPassword", ""))
                .andExpect(flash().attribute("passwordProblem", "password.required"));
        assertThat(passwordHash(agent)).isEqualTo(hash);
        passwordSignIn(agent.email(), "short7!").andExpect(redirectedUrl("/login?error"));
        passwordSignIn(agent.email(), PASSWORD).andExpect(redirectedUrl("/"));
    }

    @Test
    void changePasswordWhenConfirmationDiffersThenRefusedAndNothingChanged() throws Exception {
        Account agent = agentWithPassword();
        String hash = passwordHash(agent);
        MockHttpSession session = sessionOf(passwordSignIn(agent.email(), PASSWORD));
        mvc.perform(post("/profile/password").session(session).with(csrf())
                        .param("currentPassword", PASSWORD)
                        .param("newPassword", "first new passphrase")
                        .param("confirmPassword", "second new passphrase"))
                .andExpect(redirectedUrl("/people/" + agent.id() + "/authentication"))
                .andExpect(flash().attribute("passwordProblem", "password.mismatch"));
        mvc.perform(post("/profile/password").session(session).with(csrf())
                        .param("currentPassword", PASSWORD)
                        .param("newPassword", "first new passphrase"))
                .andExpect(flash().attribute("passwordProblem", "password.mismatch"));
        assertThat(passwordHash(agent)).isEqualTo(hash);
        passwordSignIn(agent.email(), "first new passphrase").andExpect(redirectedUrl("/login?error"));
        passwordSignIn(agent.email(), PASSWORD).andExpect(redirectedUrl("/"));
    }

    @Test
    void changePasswordWhenCsrfTokenMissingThenForbiddenAndNothingChanged() throws Exception {
        Account agent = agentWithPassword();
        String hash = passwordHash(agent);
        MockHttpSession session = sessionOf(passwordSignIn(agent.email(), PASSWORD));
        mvc.perform(post("/profile/password").session(session)
                        .param("currentPassword", PASSWORD)
                        .param("newPassword", "a new and longer passphrase")
                        .param("confirmPassword", "a new and longer passphrase"))
                .andExpect(status().isForbidden());
        assertThat(passwordHash(agent)).isEqualTo(hash);
    }
}

@H2Test
class PasswordSignInH2Tests extends PasswordSignInTests {
}

@PostgresTest
class PasswordSignInPostgresTests extends PasswordSignInTests {
}
