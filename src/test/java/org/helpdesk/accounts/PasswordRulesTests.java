package org.helpdesk.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;

import java.util.List;
import java.util.Locale;

import org.helpdesk.passes.IssuedPass;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/** The password rules (spec 3; NIST SP 800-63B 5.1.1.2): the admins' minimum, common and personal passwords. */
abstract class PasswordRulesTests extends IntegrationTestSupport {

    private String passwordHash(Account account) {
        return jdbc.sql("select password_hash from accounts where id = :id").param("id", account.id())
                .query(String.class).optional().orElse(null);
    }

    /** What the rules say of a password set in a pass session, where the current password is not asked. */
    private String problemSetting(Account person, String password) {
        try {
            accounts.changeOwnPassword(CurrentUser.of(accounts.find(person.id()).orElseThrow(), SignInMethod.TAP,
                    null, null, null), null, password);
            return null;
        } catch (InvalidInputException e) {
            return e.messageCode();
        }
    }

    @Test
    void minimumLengthWhenRaisedThenShorterPasswordsAreRefused() {
        Account agent = newAgent(Role.AGENT);
        assertThat(problemSetting(agent, "zebra lamp")).isNull();
        setSecuritySettings(new SecuritySettings(false, 12));
        assertThat(problemSetting(agent, "zebra lamps")).isEqualTo("password.tooShort");
        assertThat(problemSetting(agent, "zebra lamps!")).isNull();
        assertThat(problemSetting(agent, "x".repeat(129))).isEqualTo("password.tooLong");
    }

    @Test
    void commonPasswordsAreRefusedWhateverTheirCaseOrUnicodeForm() {
        Account agent = newAgent(Role.AGENT);
        for (String common : List.of("password", "PASSWORD1", "Password2024!", "qwertyuiop", "ＰＡＳＳＷＯＲＤ１２３",
                "iloveyou!!", "12345678")) {
            assertThat(problemSetting(agent, common)).as(common).isEqualTo("password.common");
        }
        assertThat(passwordHash(agent)).isNull();
    }

    @Test
    void ownEmailItsLocalPartAndTheServiceNameAreRefused() {
        Account agent = newAgent(Role.AGENT);
        String email = agent.email();
        String local = email.substring(0, email.indexOf('@'));
        for (String personal : List.of(email, email.toUpperCase(Locale.ROOT), local, local + "2024", "Helpdesk TAP",
                "helpdesk2024!", "HELPDESKTAP")) {
            assertThat(problemSetting(agent, personal)).as(personal).isEqualTo("password.personal");
        }
        assertThat(passwordHash(agent)).isNull();
    }

    @Test
    void ownPasswordChangeShowsWhyAPasswordIsRefusedAndKeepsTheOldOne() throws Exception {
        Account agent = newAgent(Role.AGENT);
        accounts.changeOwnPassword(user(agent), null, "zebra lamp orbit");
        String hash = passwordHash(agent);
        setSecuritySettings(new SecuritySettings(false, 20));
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/profile/password").with(as(agent)).session(session).with(csrf())
                        .param("currentPassword", "zebra lamp orbit")
                        .param("newPassword", "short but fine").param("confirmPassword", "short but fine"))
                .andExpect(flash().attribute("passwordProblem", "password.tooShort"));
        mvc.perform(get("/people/" + agent.id() + "/authentication").with(as(agent)).session(session))
                .andExpect(content().string(containsString("A password has at least 20 characters.")))
                .andExpect(content().string(containsString("At least 20 characters, at most 128.")))
                .andExpect(content().string(containsString("minlength=\"20\"")));
        mvc.perform(post("/profile/password").with(as(agent)).session(session).with(csrf())
                        .param("currentPassword", "zebra lamp orbit")
                        .param("newPassword", "Password1234567890!!").param("confirmPassword", "Password1234567890!!"))
                .andExpect(flash().attribute("passwordProblem", "password.common"));
        mvc.perform(get("/people/" + agent.id() + "/authentication").with(as(agent)).session(session))
                .andExpect(content().string(containsString("This password is too common — choose another.")));
        assertThat(passwordHash(agent)).isEqualTo(hash);
    }

    @Test
    void hintShowsTheCurrentMinimum() throws Exception {
        Account contact = newContact(false);
        mvc.perform(get("/people/" + contact.id() + "/authentication").with(as(contact)))
                .andExpect(content().string(containsString("At least 8 characters, at most 128.")));
        setSecuritySettings(new SecuritySettings(false, 15));
        mvc.perform(get("/people/" + contact.id() + "/authentication").with(as(contact)))
                .andExpect(content().string(containsString("At least 15 characters, at most 128.")));
    }

    @Test
    void passwordSetInAPassSessionFollowsTheSameRules() throws Exception {
        enableTap();
        Account contact = newContact(false);
        IssuedPass pass = issue(contact);
        MockHttpSession session = (MockHttpSession) tapSignIn(contact.email(), pass.value()).andReturn().getRequest()
                .getSession();
        mvc.perform(post("/profile/password").session(session).with(csrf())
                        .param("newPassword", "sunshine2024").param("confirmPassword", "sunshine2024"))
                .andExpect(flash().attribute("passwordProblem", "password.common"));
        mvc.perform(post("/profile/password").session(session).with(csrf())
                        .param("newPassword", contact.email()).param("confirmPassword", contact.email()))
                .andExpect(flash().attribute("passwordProblem", "password.personal"));
        assertThat(passwordHash(contact)).isNull();
        mvc.perform(post("/profile/password").session(session).with(csrf())
                        .param("newPassword", "zebra lamp orbit").param("confirmPassword", "zebra lamp orbit"))
                .andExpect(flash().attribute("notice", "password.changed"));
        assertThat(passwordHash(contact)).isNotNull();
    }

    @Test
    void guestsStillHaveNoPassword() {
        Account guest = newContact(true);
        assertThatThrownBy(() -> accounts.changeOwnPassword(user(guest), null, "zebra lamp orbit"))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).messageCode()).isEqualTo("password.guest");
    }
}

@H2Test
class PasswordRulesH2Tests extends PasswordRulesTests {
}

@PostgresTest
class PasswordRulesPostgresTests extends PasswordRulesTests {
}
