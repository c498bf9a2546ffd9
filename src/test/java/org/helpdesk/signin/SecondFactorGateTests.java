package org.helpdesk.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Role;
import org.helpdesk.accounts.SecuritySettings;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;

/** "Require 2FA for agents" (spec 3, 5): agents without a second factor register one before anything else. */
abstract class SecondFactorGateTests extends IntegrationTestSupport {

    private static final String PASSWORD = "zebra lamp orbit";
    private static final String NOTICE =
            "Your organisation requires a second factor: register an authenticator app or a passkey to continue.";

    private static MockHttpSession sessionOf(ResultActions result) {
        return (MockHttpSession) result.andReturn().getRequest().getSession();
    }

    private void requireSecondFactor() {
        setSecuritySettings(new SecuritySettings(true, 8));
    }

    private MockHttpSession passwordSession(Account person) throws Exception {
        accounts.changeOwnPassword(user(person), null, PASSWORD);
        return sessionOf(passwordSignIn(person.email(), PASSWORD).andExpect(redirectedUrl("/")));
    }

    private MockHttpSession passSession(Account person) throws Exception {
        enableTap();
        return sessionOf(tapSignIn(person.email(), issue(person).value()).andExpect(status().is3xxRedirection()));
    }

    private static String tab(Account person) {
        return "/people/" + person.id() + "/authentication";
    }

    /** Every other page sends the person to their tab, which says why; changes elsewhere are refused. */
    private void assertHeldAtTheirTab(Account person, MockHttpSession session) throws Exception {
        for (String page : new String[] {"/", "/agents", "/contacts", "/people/" + person.id(),
                "/people/" + person.id() + "/api-tokens", "/admin/security", "/admin/events"}) {
            mvc.perform(get(page).session(session)).andExpect(redirectedUrl(tab(person)));
        }
        mvc.perform(get(tab(person)).session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"second-factor-required\"")))
                .andExpect(content().string(containsString(NOTICE)));
        mvc.perform(post("/people/" + person.id() + "/api-tokens").session(session).with(csrf())
                .param("name", "script")).andExpect(status().isForbidden());
        mvc.perform(post("/admin/security").session(session).with(csrf()).param("passwordMinimumLength", "8"))
                .andExpect(status().isForbidden());
        assertThat(securitySettings.current().requireSecondFactorForAgents()).isTrue();
        assertThat(jdbc.sql("select count(*) from api_tokens where account_id = :id").param("id", person.id())
                .query(Integer.class).single()).isZero();
    }

    private void assertNotHeld(Account person, MockHttpSession session) throws Exception {
        mvc.perform(get("/people/" + person.id()).session(session)).andExpect(status().isOk());
        mvc.perform(get(tab(person)).session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString(NOTICE))));
    }

    @Test
    void agentSignedInWithPasswordWithoutSecondFactorIsHeldAtTheirTab() throws Exception {
        requireSecondFactor();
        Account agent = newAgent(Role.AGENT);
        assertHeldAtTheirTab(agent, passwordSession(agent));
    }

    @Test
    void agentSignedInWithPassIsHeldAtTheirTabAndMaySetAPassword() throws Exception {
        requireSecondFactor();
        Account agent = newAgent(Role.AGENT);
        MockHttpSession session = passSession(agent);
        assertHeldAtTheirTab(agent, session);
        mvc.perform(post("/profile/password").session(session).with(csrf())
                        .param("newPassword", PASSWORD).param("confirmPassword", PASSWORD))
                .andExpect(redirectedUrl(tab(agent)))
                .andExpect(flash().attribute("notice", "password.changed"));
    }

    @Test
    void adminsAndManagersAreAgentsTooAndAreHeld() throws Exception {
        requireSecondFactor();
        Account admin = newAdmin();
        assertHeldAtTheirTab(admin, passwordSession(admin));
        Account manager = newAgent(Role.MANAGER);
        MockHttpSession session = passwordSession(manager);
        Account someoneElse = newContact(false);
        mvc.perform(get(tab(someoneElse)).session(session)).andExpect(redirectedUrl(tab(manager)));
    }

    @Test
    void whatRegisteringNeedsStaysOpen() throws Exception {
        requireSecondFactor();
        Account agent = newAgent(Role.AGENT);
        MockHttpSession session = passwordSession(agent);
        mvc.perform(get("/profile").session(session)).andExpect(redirectedUrl(tab(agent)));
        mvc.perform(get("/css/app.css").session(session)).andExpect(status().isOk());
        mvc.perform(post("/logout").session(session).with(csrf())).andExpect(redirectedUrl("/login?signedOut"));
    }

    @Test
    void agentWithASecondFactorIsNotHeld() throws Exception {
        requireSecondFactor();
        Account agent = newAgent(Role.AGENT);
        secondFactors.register(agent.id());
        assertNotHeld(agent, passwordSession(agent));
        Account admin = newAdmin();
        secondFactors.register(admin.id());
        MockHttpSession session = passSession(admin);
        mvc.perform(get("/admin/security").session(session)).andExpect(status().isOk());
    }

    @Test
    void contactsAndGuestsAreNeverHeld() throws Exception {
        requireSecondFactor();
        Account contact = newContact(false);
        assertNotHeld(contact, passwordSession(contact));
        Account guest = newContact(true);
        assertNotHeld(guest, passSession(guest));
        Account guestAgent = newPerson(org.helpdesk.accounts.AccountKind.AGENT, Role.AGENT, true);
        assertNotHeld(guestAgent, passSession(guestAgent));
    }

    @Test
    void withTheSettingOffNobodyIsHeld() throws Exception {
        Account agent = newAgent(Role.AGENT);
        assertNotHeld(agent, passwordSession(agent));
        Account admin = newAdmin();
        MockHttpSession session = passSession(admin);
        mvc.perform(get("/admin/security").session(session)).andExpect(status().isOk());
    }

    @Test
    void switchingTheSettingOnHoldsSessionsAlreadyOpenAndOffReleasesThem() throws Exception {
        Account agent = newAgent(Role.AGENT);
        MockHttpSession session = passwordSession(agent);
        String profile = "/people/" + agent.id();
        mvc.perform(get(profile).session(session)).andExpect(status().isOk());
        requireSecondFactor();
        mvc.perform(get(profile).session(session)).andExpect(redirectedUrl(tab(agent)));
        setSecuritySettings(SecuritySettings.DEFAULTS);
        mvc.perform(get(profile).session(session)).andExpect(status().isOk());
    }

    @Test
    void apiTokensAreNotHeld() throws Exception {
        Account admin = newAdmin();
        var api = api(admin);
        requireSecondFactor();
        assertThat(api.get("/api/v1/users?size=1").status()).isEqualTo(200);
    }
}

@H2Test
class SecondFactorGateH2Tests extends SecondFactorGateTests {
}

@PostgresTest
class SecondFactorGatePostgresTests extends SecondFactorGateTests {
}
