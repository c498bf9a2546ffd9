package org.helpdesk.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;

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
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
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
    private SessionRepository<? extends Session> sessionStore;
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

    /**
     * Throttling counts are shared by every test of a context, and all their clients come from one address: a test
     * that was slowed down, perhaps under a clock set elsewhere, must not slow down the next.
     */
    @AfterEach
    void forgetThrottling() {
        jdbc.sql("delete from signin_throttle").update();
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
        return CurrentUser.of(fresh, SignInMethod.PASSWORD, null, null, null);
    }

    /** A client of its own, signed in over HTTP with the person's password. */
    protected Browser signedInWithPassword(Account person, String password) {
        Browser browser = new Browser(port);
        browser.get("/login");
        assertThat(browser.location(browser.post("/login", Map.of("username", person.email(), "password", password))))
                .isEqualTo("/");
        return browser;
    }

    /** Who the browser's session, as saved in the database, holds as signed in. */
    protected CurrentUser signedInAs(Browser browser) {
        String id = new String(Base64.getDecoder().decode(browser.cookie("SESSION")), StandardCharsets.UTF_8);
        Session session = sessionStore.findById(id);
        SecurityContext context = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        return (CurrentUser) context.getAuthentication().getPrincipal();
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

    /** An authenticator app added as the person would from their profile: its secret and the recovery codes shown. */
    public record AddedApp(String secret, List<String> recoveryCodes) {
    }

    private static final Pattern SECRET = Pattern.compile("id=\"secret\"[^>]*>([A-Z2-7 ]+)<");
    private static final Pattern RECOVERY_CODE = Pattern.compile("<li>([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})</li>");

    /** Adds an authenticator app through its pages, in a password session, typing the code of the current step. */
    protected AddedApp addAuthenticatorApp(Account person) throws Exception {
        return addAuthenticatorApp(as(person));
    }

    protected AddedApp addAuthenticatorApp(RequestPostProcessor session) throws Exception {
        String page = mvc.perform(get("/profile/authenticator-app").with(session)).andReturn().getResponse()
                .getContentAsString();
        String secret = secretShownOn(page);
        String shown = mvc.perform(post("/profile/authenticator-app/confirm").with(session).with(csrf())
                .param("code", totpCode(secret, clock.instant()))).andReturn().getResponse().getContentAsString();
        return new AddedApp(secret, recoveryCodesShownOn(shown));
    }

    /** The secret a page shows for typing into an app, without its spaces; fails when there is none. */
    protected static String secretShownOn(String page) {
        Matcher m = SECRET.matcher(page);
        if (!m.find()) {
            throw new AssertionError("No secret on the page");
        }
        return m.group(1).replace(" ", "");
    }

    protected static List<String> recoveryCodesShownOn(String page) {
        List<String> codes = new ArrayList<>();
        Matcher m = RECOVERY_CODE.matcher(page);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }

    /** The code an authenticator app with this secret shows at that moment. */
    public static String totpCode(String secret, Instant at) {
        return totpCodeOfStep(secret, Math.floorDiv(at.getEpochSecond(), 30));
    }

    public static String totpCodeOfStep(String secret, long step) {
        try {
            return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, step);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException(e);
        }
    }
}
