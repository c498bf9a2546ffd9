package org.helpdesk.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Account administration → Account → Security (spec 2, 3, 5): the security settings and the methods' pages. */
abstract class SecuritySettingsPageTests extends IntegrationTestSupport {

    private static final String PAGE = "/admin/security";

    private static MockHttpServletRequestBuilder save(Boolean requireSecondFactor, String minimum) {
        MockHttpServletRequestBuilder request = post(PAGE).with(csrf()).param("passwordMinimumLength", minimum)
                .param("_requireSecondFactorForAgents", "on");
        if (requireSecondFactor != null) {
            request.param("requireSecondFactorForAgents", requireSecondFactor.toString());
        }
        return request;
    }

    private List<String> auditDetails(Account admin) {
        return jdbc.sql("select details from audit_events where type = 'SECURITY_SETTINGS_CHANGED' and actor_id = :id")
                .param("id", admin.id()).query(String.class).list();
    }

    @Test
    void settingsWhenNeverChangedThenDefaults() {
        assertThat(securitySettings.current()).isEqualTo(new SecuritySettings(false, 8));
    }

    @Test
    void adminSeesTheSettingsAndTheAuthenticationMethodsPages() throws Exception {
        mvc.perform(get(PAGE).with(as(newAdmin())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Require 2FA for agents")))
                .andExpect(content().string(containsString("name=\"passwordMinimumLength\" value=\"8\"")))
                .andExpect(content().string(containsString("href=\"/admin/security/authentication-methods/temporary-access-pass\"")))
                .andExpect(content().string(containsString("href=\"/admin/security/authentication-methods/single-sign-on\"")))
                .andExpect(content().string(containsString("<a href=\"/admin/security\"")));
    }

    @Test
    void adminSavesTheSettingsAndTheChangeIsAuditedWithBeforeAndAfter() throws Exception {
        Account admin = newAdmin();
        // the admin is an agent too: with a second factor, the setting does not hold them
        secondFactors.register(admin.id());
        mvc.perform(save(true, "12").with(as(admin))).andExpect(redirectedUrl(PAGE));
        assertThat(securitySettings.current()).isEqualTo(new SecuritySettings(true, 12));
        mvc.perform(get(PAGE).with(as(admin)))
                .andExpect(content().string(containsString("name=\"passwordMinimumLength\" value=\"12\"")))
                .andExpect(content().string(containsString("checked=\"checked\"")));
        assertThat(auditDetails(admin)).singleElement().satisfies(details -> assertThat(details)
                .contains("\"before\":{\"requireSecondFactorForAgents\":false,\"passwordMinimumLength\":8}")
                .contains("\"after\":{\"requireSecondFactorForAgents\":true,\"passwordMinimumLength\":12}"));

        mvc.perform(save(null, " 64 ").with(as(admin))).andExpect(redirectedUrl(PAGE));
        assertThat(securitySettings.current()).isEqualTo(new SecuritySettings(false, 64));
        assertThat(auditDetails(admin)).hasSize(2);
    }

    @Test
    void savingWhenNothingChangedThenNoAuditEntry() throws Exception {
        Account admin = newAdmin();
        mvc.perform(save(null, "8").with(as(admin))).andExpect(redirectedUrl(PAGE));
        assertThat(auditDetails(admin)).isEmpty();
    }

    @Test
    void badMinimumIsRefusedOnItsFieldAndNothingChanges() throws Exception {
        Account admin = newAdmin();
        for (String bad : List.of("7", "65", "0", "-8", "abc", "", "12.5", "1e3", "99999999999999999999", "１２",
                "x".repeat(10_000), "12\u0000")) {
            mvc.perform(save(true, bad).with(as(admin)))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string(containsString("id=\"passwordMinimumLength-error\"")))
                    .andExpect(content().string(containsString("aria-describedby=\"passwordMinimumLength-hint passwordMinimumLength-error\"")))
                    .andExpect(content().string(containsString("from 8 to 64")))
                    .andExpect(content().string(not(containsString("Exception"))));
        }
        mvc.perform(post(PAGE).with(csrf()).with(as(admin))).andExpect(status().isBadRequest());
        assertThat(securitySettings.current()).isEqualTo(SecuritySettings.DEFAULTS);
        assertThat(auditDetails(admin)).isEmpty();
    }

    @Test
    void managersAgentsAndContactsCannotSeeOrChangeTheSettings() throws Exception {
        for (Account person : List.of(newAgent(Role.MANAGER), newAgent(Role.AGENT), newContact(false), newContact(true))) {
            mvc.perform(get(PAGE).with(as(person))).andExpect(status().isForbidden());
            mvc.perform(save(true, "20").with(as(person))).andExpect(status().isForbidden());
            mvc.perform(get("/").with(as(person))).andExpect(status().is3xxRedirection());
        }
        assertThat(securitySettings.current()).isEqualTo(SecuritySettings.DEFAULTS);
    }

    @Test
    void navigationLeadsAdminsOnlyToTheSecurityPage() throws Exception {
        Account admin = newAdmin();
        mvc.perform(get("/people/" + admin.id()).with(as(admin)))
                .andExpect(content().string(containsString("href=\"/admin/security\"")));
        Account manager = newAgent(Role.MANAGER);
        mvc.perform(get("/people/" + manager.id()).with(as(manager)))
                .andExpect(content().string(not(containsString("href=\"/admin/security\""))));
    }

    @Test
    void serviceRefusesNonAdminsAndOutOfRangeValues() {
        Account admin = newAdmin();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> securitySettings.update(new SecuritySettings(true, 8),
                user(newAgent(Role.MANAGER)))).isInstanceOf(AccessDeniedException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> securitySettings.update(new SecuritySettings(true, 129),
                user(admin))).isInstanceOf(InvalidInputException.class);
        assertThat(securitySettings.current()).isEqualTo(SecuritySettings.DEFAULTS);
    }
}

@H2Test
class SecuritySettingsPageH2Tests extends SecuritySettingsPageTests {
}

@PostgresTest
class SecuritySettingsPagePostgresTests extends SecuritySettingsPageTests {
}
