package org.helpdesk.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Role;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.OidcTestProvider;
import org.helpdesk.support.PostgresTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Account administration → … → Authentication methods → Single sign-on (spec 3; security: administration). */
abstract class SingleSignOnSettingsPageTests extends IntegrationTestSupport {

    private static final String PAGE = SingleSignOnSettingsController.PATH;

    @Autowired
    private SingleSignOnSettings settings;

    private Map<SingleSignOnProvider, SingleSignOnSetting> before;

    @BeforeEach
    void remember() {
        before = settings.all();
    }

    @AfterEach
    void restore() {
        Account admin = newAdmin();
        before.forEach((provider, setting) ->
                settings.update(provider, setting.enabled(), setting.buttonLabel(), user(admin)));
    }

    private static MockHttpServletRequestBuilder save(String provider, String enabled, String label) {
        MockHttpServletRequestBuilder request = post(PAGE + "/" + provider).with(csrf()).param("_enabled", "on");
        if (enabled != null) {
            request.param("enabled", enabled);
        }
        return label == null ? request : request.param("buttonLabel", label);
    }

    @Test
    void adminSeesEachProviderWithItsRedirectUriAndWhetherItIsConfigured() throws Exception {
        mvc.perform(get(PAGE).with(as(newAdmin()))).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"google-heading\"")))
                .andExpect(content().string(containsString("id=\"microsoft-heading\"")))
                .andExpect(content().string(containsString("http://localhost/login/oauth2/code/google")))
                .andExpect(content().string(containsString("http://localhost/login/oauth2/code/microsoft")))
                .andExpect(content().string(containsString("Configured: the client id, secret and issuer are set.")))
                .andExpect(content().string(not(containsString(OidcTestProvider.clientSecret(OidcTestProvider.GOOGLE_CLIENT)))));
    }

    @Test
    void adminSwitchesOnAndRelabelsThenTheSignInPageShowsItAndTheEventLogHasBeforeAndAfter() throws Exception {
        Account admin = newAdmin();
        settings.update(SingleSignOnProvider.GOOGLE, false, "Sign in with Google", user(admin));
        mvc.perform(save("google", "true", "  Use your Google account  ").with(as(admin)))
                .andExpect(redirectedUrl(PAGE));
        assertThat(settings.of(SingleSignOnProvider.GOOGLE))
                .isEqualTo(new SingleSignOnSetting(true, "Use your Google account"));
        mvc.perform(get("/login")).andExpect(content().string(containsString(">Use your Google account</a>")));
        String details = jdbc.sql("""
                        select details from audit_events where type = 'SSO_SETTINGS_CHANGED' and actor_id = :id
                        order by id desc fetch first 1 rows only""")
                .param("id", admin.id()).query(String.class).single();
        assertThat(details).contains("\"provider\":\"google\"",
                "\"before\":{\"enabled\":false,\"buttonLabel\":\"Sign in with Google\"}",
                "\"after\":{\"enabled\":true,\"buttonLabel\":\"Use your Google account\"}");

        mvc.perform(save("google", null, "Use your Google account").with(as(admin))).andExpect(redirectedUrl(PAGE));
        assertThat(settings.of(SingleSignOnProvider.GOOGLE).enabled()).isFalse();
        mvc.perform(get("/login")).andExpect(content().string(not(containsString("Use your Google account"))));
    }

    @Test
    void savingNothingNewLeavesNoRecord() throws Exception {
        Account admin = newAdmin();
        SingleSignOnSetting now = settings.of(SingleSignOnProvider.MICROSOFT);
        mvc.perform(save("microsoft", String.valueOf(now.enabled()), now.buttonLabel()).with(as(admin)))
                .andExpect(redirectedUrl(PAGE));
        assertThat(jdbc.sql("select count(*) from audit_events where type = 'SSO_SETTINGS_CHANGED' and actor_id = :id")
                .param("id", admin.id()).query(Long.class).single()).isZero();
    }

    @Test
    void badLabelIsRefusedOnItsFieldAndNothingChanges() throws Exception {
        Account admin = newAdmin();
        SingleSignOnSetting now = settings.of(SingleSignOnProvider.GOOGLE);
        for (String bad : new String[] {"", "   ", "x".repeat(61), "Sign\u0000in", "Sign\nin", "\u202Eelgoog"}) {
            mvc.perform(save("google", "true", bad).with(as(admin))).andExpect(status().isBadRequest())
                    .andExpect(content().string(containsString("id=\"google-buttonLabel-error\"")))
                    .andExpect(content().string(containsString(
                            "aria-describedby=\"google-buttonLabel-hint google-buttonLabel-error\"")));
        }
        mvc.perform(save("google", "true", null).with(as(admin))).andExpect(status().isBadRequest());
        mvc.perform(save("google", "perhaps", "Fine").with(as(admin))).andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("id=\"google-enabled-error\"")));
        assertThat(settings.of(SingleSignOnProvider.GOOGLE)).isEqualTo(now);
    }

    @Test
    void onlyAdminsSeeOrChangeIt() throws Exception {
        for (Account someone : new Account[] {newAgent(Role.MANAGER), newAgent(Role.AGENT), newContact(false)}) {
            mvc.perform(get(PAGE).with(as(someone))).andExpect(status().isForbidden());
            mvc.perform(save("google", "true", "Mine now").with(as(someone))).andExpect(status().isForbidden());
        }
        mvc.perform(get(PAGE)).andExpect(status().is3xxRedirection());
        assertThat(settings.of(SingleSignOnProvider.GOOGLE).buttonLabel()).isNotEqualTo("Mine now");
    }

    @Test
    void unknownProviderIsNotFound() throws Exception {
        mvc.perform(save("github", "true", "GitHub").with(as(newAdmin()))).andExpect(status().isNotFound());
    }
}

@H2Test
class SingleSignOnSettingsPageH2Tests extends SingleSignOnSettingsPageTests {
}

@PostgresTest
class SingleSignOnSettingsPagePostgresTests extends SingleSignOnSettingsPageTests {
}
