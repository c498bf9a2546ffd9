package org.helpdesk.support;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.AccountKind;
import org.helpdesk.accounts.Accounts;
import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.accounts.NewAccount;
import org.helpdesk.accounts.Role;
import org.helpdesk.accounts.SecuritySettings;
import org.helpdesk.accounts.SecuritySettingsService;
import org.helpdesk.accounts.SignInMethod;
import org.helpdesk.apitokens.ApiTokens;
import org.helpdesk.passes.CharacterSet;
import org.helpdesk.passes.IssueRequest;
import org.helpdesk.passes.IssuedPass;
import org.helpdesk.passes.TapPolicies;
import org.helpdesk.passes.TapPolicy;
import org.helpdesk.passes.TemporaryAccessPasses;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** What the integration tests share: the services, people made for each test, and signing in as them. */
public abstract class IntegrationTestSupport {

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected Accounts accounts;
    @Autowired
    protected TapPolicies policies;
    @Autowired
    protected TemporaryAccessPasses passes;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected TestClock clock;
    @Autowired
    protected ApiTokens apiTokens;
    @Autowired
    protected SecuritySettingsService securitySettings;
    @Autowired
    protected TestSecondFactors secondFactors;
    @LocalServerPort
    protected int port;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Security settings are shared by every test of a context: each test that changes them gets the defaults back. */
    @AfterEach
    void resetSecuritySettingsAndSecondFactors() {
        secondFactors.clear();
        if (!securitySettings.current().equals(SecuritySettings.DEFAULTS)) {
            securitySettings.update(SecuritySettings.DEFAULTS, user(newAdmin()));
        }
    }

    protected SecuritySettings setSecuritySettings(SecuritySettings settings) {
        return securitySettings.update(settings, user(newAdmin()));
    }

    protected static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    protected Account newAdmin() {
        return accounts.createFirstAdmin(uniqueEmail("admin"), "Admin Test");
    }

    protected Account newPerson(AccountKind kind, Role role, boolean guest) {
        Account admin = newAdmin();
        return accounts.create(new NewAccount(uniqueEmail(kind == AccountKind.AGENT ? "agent" : "contact"),
                "Person " + UUID.randomUUID().toString().substring(0, 6), kind, role, guest), user(admin));
    }

    protected Account newAgent(Role role) {
        return newPerson(AccountKind.AGENT, role, false);
    }

    protected Account newContact(boolean guest) {
        return newPerson(AccountKind.CONTACT, null, guest);
    }

    protected CurrentUser user(Account account) {
        Account fresh = accounts.find(account.id()).orElseThrow();
        return CurrentUser.of(fresh, SignInMethod.PASSWORD, null, null);
    }

    /** Signed in as the person with a password session, as MockMvc sees it. */
    protected RequestPostProcessor as(Account account) {
        CurrentUser user = user(account);
        return authentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities()));
    }

    protected TapPolicy setPolicy(TapPolicy policy) {
        return policies.update(policy, user(newAdmin()));
    }

    protected TapPolicy enableTap() {
        return setPolicy(new TapPolicy(true, 10, 480, 60, false, 12, CharacterSet.BASE32));
    }

    protected IssuedPass issue(Account to, IssueRequest request) {
        return passes.issue(to.id(), request, user(newAdmin()));
    }

    protected IssuedPass issue(Account to) {
        return issue(to, new IssueRequest(null, null, false));
    }

    /** A new API token of the person, made as from their profile in a password session. */
    protected String apiToken(Account agent) {
        return apiTokens.create(user(agent), "token " + UUID.randomUUID()).value();
    }

    /** An API client that sends a new token of the person. */
    protected ApiClient api(Account agent) {
        return ApiClient.withToken(port, apiToken(agent));
    }

    protected ResultActions tapSignIn(String email, String pass) throws Exception {
        return mvc.perform(post("/login/tap").param("username", email).param("pass", pass).with(csrf()));
    }

    protected ResultActions passwordSignIn(String email, String password) throws Exception {
        return mvc.perform(post("/login").param("username", email).param("password", password).with(csrf()));
    }
}
