package org.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.helpdesk.AccessibilityTests.As.ADMIN;
import static org.helpdesk.AccessibilityTests.As.AGENT_HELD;
import static org.helpdesk.AccessibilityTests.As.ANONYMOUS;
import static org.helpdesk.AccessibilityTests.As.CONTACT;
import static org.helpdesk.AccessibilityTests.As.CONTACT_WITH_APP;
import static org.helpdesk.AccessibilityTests.As.CONTACT_WITH_PASS;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Role;
import org.helpdesk.accounts.SecuritySettings;
import org.helpdesk.passes.IssuedPass;
import org.helpdesk.passes.TapPolicy;
import org.helpdesk.support.Browsers;
import org.helpdesk.support.Browsers.RequireChromium;
import org.helpdesk.support.FailingPage;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Every console and sign-in page, as the person who can see it, checked by axe-core (Deque) in headless
 * Chromium: no serious or critical violation anywhere. A page added to the service is one more line in
 * {@link #PAGES}; the second test fails while a page people can open is missing from that list.
 */
@RequireChromium
@H2Test
class AccessibilityTests extends IntegrationTestSupport {

    private static final String POLICY = "/admin/security/authentication-methods/temporary-access-pass";
    private static final String SINGLE_SIGN_ON = "/admin/security/authentication-methods/single-sign-on";
    private static final String ADD_PASS_FORM = "section[aria-labelledby='add-heading'] form";
    private static final String CREATE_TOKEN_FORM = "section[aria-labelledby='create-heading'] form";
    private static final String SHOTS = "accessibility/";
    private static final String PASSWORD = "an accessible enough password";

    /**
     * Who looks at a page. {@code {me}} in a path is that person's id; {@code {person}} is someone with passes.
     * CONTACT_WITH_APP has an authenticator app: their right password leads to the code page, not yet signed in.
     */
    enum As { ANONYMOUS, ADMIN, CONTACT, CONTACT_WITH_PASS, CONTACT_WITH_APP, AGENT_HELD }

    /** The pages: path, who opens it, and what they do there before it is checked (fill a form in, and so on). */
    static final List<Page> PAGES = List.of(
            page("/login", ANONYMOUS),
            page("/login?error", ANONYMOUS, shows("signin-error")),
            page("/login/tap", ANONYMOUS),
            page("/login/tap?error=invalid", ANONYMOUS, shows("tap-error")),
            page("/login/tap", ANONYMOUS, type("username", "nobody@example.com"), type("pass", "not a pass"),
                    submit("main form"), shows("tap-error")),
            page("/agents", ADMIN),
            page("/contacts", ADMIN),
            page("/agents/new", ADMIN),
            page("/agents/new", ADMIN, type("email", "not an address"), submit("main form"), shows("email-error")),
            page("/contacts/new", ADMIN),
            page("/contacts/new", ADMIN, submit("main form"), shows("email-error")),
            page(POLICY, ADMIN),
            page(POLICY, ADMIN, type("minimumLifetimeInMinutes", "ten"), type("defaultLength", "99"),
                    submit("main form"), shows("minimumLifetimeInMinutes-error")),
            page("/people/{person}", ADMIN),
            page("/people/{person}/authentication", ADMIN),
            page("/people/{person}/authentication", ADMIN, type("lifetimeInMinutes", "5"), submit(ADD_PASS_FORM),
                    shows("lifetime-error")),
            page("/people/{person}/authentication", ADMIN, submit(ADD_PASS_FORM), shows("pass-value")),
            page("/people/{me}", CONTACT),
            page("/people/{me}/authentication", CONTACT),
            page("/people/{me}/authentication", CONTACT, type("newPassword", "short one"),
                    type("confirmPassword", "another one"), submit("main form"), shows("password-error")),
            page("/people/{me}/authentication", CONTACT_WITH_PASS),
            page("/agents", CONTACT, friendlyError("You cannot do that")),
            page("/no/such/page", ADMIN, friendlyError("Page not found")),
            page("/contacts?page=abc", ADMIN, friendlyError("That request could not be understood")),
            page(FailingPage.PATH, ADMIN, friendlyError("Something went wrong")),
            page("/admin/events", ADMIN),
            page("/admin/events?type=NOPE", ADMIN, shows("filter-error")),
            page("/people/{me}/api-tokens", ADMIN),
            page("/people/{me}/api-tokens", ADMIN, submit(CREATE_TOKEN_FORM), shows("tokenName-error")),
            page("/people/{me}/api-tokens", ADMIN, type("tokenName", "roster script"), submit(CREATE_TOKEN_FORM),
                    shows("token-value")),
            page("/people/{me}/api-tokens", ADMIN, shows("tokens-heading")),
            page("/admin/passes/batch", ADMIN),
            page("/admin/passes/batch", ADMIN, submit("main form"), shows("batch-errors")),
            page("/admin/security", ADMIN),
            page("/admin/security", ADMIN, type("passwordMinimumLength", "99"), submit("main form"),
                    shows("passwordMinimumLength-error")),
            page("/people/{me}/authentication", AGENT_HELD, shows("second-factor-required")),
            page("/agents", AGENT_HELD, shows("second-factor-required")),
            page("/login?error=passkey", ANONYMOUS, shows("signin-error")),
            page("/people/{me}/authentication", CONTACT, shows("passkey-add")),
            page("/people/{me}/authentication", CONTACT, press("#passkey-add button[type='submit']"),
                    shows("passkey-status")),
            page("/people/{me}/authentication", CONTACT_WITH_PASS, shows("passkey-add")),
            page("/people/{me}/authentication?passkeyAdded", CONTACT),
            page("/login", ANONYMOUS, shows("sso-google"), shows("sso-microsoft")),
            page(SINGLE_SIGN_ON, ADMIN),
            page(SINGLE_SIGN_ON, ADMIN, type("google-buttonLabel", " "), submit("form[action$='/google']"),
                    shows("google-buttonLabel-error")),
            page("/login/sso-refused?problem=no_account&provider=google", ANONYMOUS, shows("sso-refusal")),
            page("/login/sso-refused?problem=unverified&provider=microsoft", ANONYMOUS, shows("sso-refusal")),
            // last: adding the app makes every later password sign-in of CONTACT ask for a code
            page("/profile/authenticator-app", CONTACT, shows("qr-code")),
            page("/profile/authenticator-app", CONTACT, type("code", "12345"), submit("main form"), shows("code-error")),
            page("/profile/authenticator-app", CONTACT, typeCodeOfShownSecret(), submit("main form"),
                    shows("recovery-codes")),
            page("/people/{me}/authentication", CONTACT, shows("authenticator-app-state")),
            page("/login/second-factor", CONTACT_WITH_APP, shows("code")),
            page("/login/second-factor", CONTACT_WITH_APP, type("code", "12345"), submit("main form"),
                    shows("code-error")));

    /** GET mappings that need no line of their own, and why. */
    static final Map<String, String> NOT_PAGES = Map.of(
            "/", "redirects to the start page of the signed-in person",
            "/profile", "redirects to the signed-in person's Authentication tab",
            "/error", "error pages are checked through the pages that end in them",
            "/admin/events/export.csv", "a CSV download, not a page",
            "/login/throttled", "shown only when a throttled sign-in is forwarded to it; a plain visit redirects to /login");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping handlerMapping;

    private WebDriver browser;
    private As signedInAs;
    private TapPolicy policyBefore;
    private List<Map<String, Object>> ssoBefore;
    private final Map<As, Account> people = new LinkedHashMap<>();
    private final Map<As, String> tapPasses = new LinkedHashMap<>();
    private Account person;

    @BeforeAll
    static void clearScreenshots() {
        Browsers.clearScreenshots(SHOTS);
    }

    @BeforeEach
    void people() {
        ssoBefore = jdbc.sql("select provider, enabled from sso_settings").query().listOfRows();
        jdbc.sql("update sso_settings set enabled = true").update();
        policyBefore = policies.current();
        enableTap();
        Account admin = newAdmin();
        accounts.changeOwnPassword(user(admin), null, PASSWORD);
        people.put(ADMIN, admin);
        Account contact = newContact(false);
        accounts.changeOwnPassword(user(contact), null, PASSWORD);
        people.put(CONTACT, contact);
        Account withPass = newContact(false);
        people.put(CONTACT_WITH_PASS, withPass);
        tapPasses.put(CONTACT_WITH_PASS, issue(withPass).value());
        // "require 2FA for agents" on: the admin has a second factor, the held agent has none
        setSecuritySettings(new SecuritySettings(true, SecuritySettings.LOWEST_PASSWORD_MINIMUM));
        secondFactors.register(admin.id());
        Account held = newAgent(Role.AGENT);
        accounts.changeOwnPassword(user(held), null, PASSWORD);
        people.put(AGENT_HELD, held);
        Account withApp = newContact(false);
        accounts.changeOwnPassword(user(withApp), null, PASSWORD);
        try {
            addAuthenticatorApp(withApp);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        people.put(CONTACT_WITH_APP, withApp);
        person = newContact(true);
        issue(person);
        IssuedPass live = issue(person);
        assertThat(live.replacedLivePass()).isTrue();
    }

    @AfterEach
    void quitBrowserAndRestorePolicy() {
        Browsers.quit(browser);
        browser = null;
        setPolicy(policyBefore);
        ssoBefore.forEach(row -> jdbc.sql("update sso_settings set enabled = :enabled where provider = :provider")
                .param("enabled", row.get("enabled")).param("provider", row.get("provider")).update());
    }

    @Test
    void noPageHasSeriousOrCriticalViolations() {
        browser = Browsers.open();
        List<String> found = new ArrayList<>();
        int n = 0;
        for (Page page : PAGES) {
            n++;
            signInAs(page.as());
            String path = pathFor(page);
            browser.get(url(path));
            waitForPage(browser);
            for (Step step : page.steps()) {
                step.action().accept(browser);
            }
            if (page.steps().stream().noneMatch(Step::errorPage)) {
                assertThat(browser.findElements(By.linkText("Back to the start page")))
                        .as("%s shows the page, not an error page", page.label()).isEmpty();
            }
            Browsers.screenshot(browser, SHOTS + String.format("%02d", n) + "-" + page.label().replaceAll("[^A-Za-z0-9]+", "-"));
            assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang"))
                    .as("lang of %s", page.label()).isEqualTo("en");
            Results results = new AxeBuilder().analyze(browser);
            assertThat(results.isErrored()).as("axe-core ran on %s: %s", page.label(), results.getErrorMessage())
                    .isFalse();
            System.err.printf("[axe] %s: %d rules passed, %d violated, %d to review%n", page.label(),
                    results.getPasses().size(), results.getViolations().size(), results.getIncomplete().size());
            for (Rule rule : results.getIncomplete()) {
                System.err.println("[axe] to review: " + describe(page, rule));
            }
            for (Rule rule : results.getViolations()) {
                String line = describe(page, rule);
                System.err.println("[axe] " + line);
                if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                    found.add(line);
                }
            }
        }
        assertThat(found).as("serious or critical accessibility violations:%n%s", String.join("\n", found))
                .isEmpty();
    }

    @Test
    void everyPageThatCanBeOpenedIsInTheList() {
        PathPatternParser parser = PathPatternParser.defaultInstance;
        Set<String> missing = new TreeSet<>();
        for (RequestMappingInfo info : handlerMapping.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            if (!methods.isEmpty() && !methods.contains(RequestMethod.GET)) {
                continue;
            }
            for (String pattern : info.getPatternValues()) {
                // the REST API answers JSON, not pages: OpenApiTests and the API tests cover it
                if (NOT_PAGES.containsKey(pattern) || pattern.startsWith("/actuator") || pattern.startsWith("/api/")) {
                    continue;
                }
                var parsed = parser.parse(pattern);
                boolean covered = PAGES.stream().anyMatch(page -> parsed.matches(
                        PathContainer.parsePath(URI.create(page.path().replace("{", "").replace("}", "")).getPath())));
                if (!covered) {
                    missing.add(pattern);
                }
            }
        }
        assertThat(missing).as("pages missing from AccessibilityTests.PAGES (or from NOT_PAGES, with a reason)")
                .isEmpty();
    }

    // --- the table's vocabulary

    record Page(String path, As as, List<Step> steps) {

        String label() {
            StringBuilder label = new StringBuilder(path).append(" as ").append(as);
            if (!steps.isEmpty()) {
                label.append(", after ").append(String.join(", ", steps.stream().map(Step::description).toList()));
            }
            return label.toString();
        }
    }

    record Step(String description, Consumer<WebDriver> action, boolean errorPage) {

        Step(String description, Consumer<WebDriver> action) {
            this(description, action, false);
        }
    }

    static Page page(String path, As as, Step... steps) {
        return new Page(path, as, Arrays.asList(steps));
    }

    /** Types into the field of that id, replacing what it held. */
    static Step type(String id, String text) {
        return new Step("typing '" + text + "' in #" + id, driver -> {
            WebElement field = driver.findElement(By.id(id));
            field.clear();
            field.sendKeys(text);
        });
    }

    /** Sends the form with its own submit button and waits for the page that answers. */
    static Step submit(String form) {
        return new Step("sending " + form, driver -> {
            markPage(driver);
            driver.findElement(By.cssSelector(form)).findElement(By.cssSelector("button[type='submit']")).click();
            waitForNextPage(driver);
        });
    }

    /** Types the code an authenticator app would show for the secret on the page. */
    static Step typeCodeOfShownSecret() {
        return new Step("typing the code of the secret shown", driver -> {
            String secret = driver.findElement(By.id("secret")).getText().replace(" ", "");
            driver.findElement(By.id("code")).sendKeys(totpCode(secret, java.time.Instant.now()));
        });
    }

    /** Presses a button that answers on the page itself (a script), and waits for its alert region to show. */
    static Step press(String button) {
        return new Step("pressing " + button, driver -> {
            driver.findElement(By.cssSelector(button)).click();
            Browsers.waitFor(driver).until(d -> d.findElements(By.cssSelector("[role='alert']:not([hidden])")).size() > 0);
        });
    }

    static Step shows(String id) {
        return new Step("showing #" + id, driver -> assertThat(driver.findElements(By.id(id))).isNotEmpty());
    }

    /** An error page in the layout: its heading, a way back, and nothing of what went wrong inside. */
    static Step friendlyError(String heading) {
        return new Step("showing the error page '" + heading + "'", driver -> {
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(heading);
            assertThat(driver.findElement(By.linkText("Back to the start page")).getDomAttribute("href"))
                    .isEqualTo("/");
            assertThat(driver.findElements(By.cssSelector("header .brand"))).isNotEmpty();
            assertThat(driver.getPageSource()).doesNotContain("Exception", "exception", "Whitelabel", "at org.",
                    "at java.", FailingPage.SECRET_DETAIL, "trace");
        }, true);
    }

    // --- helpers

    private String pathFor(Page page) {
        String path = page.path();
        if (path.contains("{me}")) {
            path = path.replace("{me}", String.valueOf(people.get(page.as()).id()));
        }
        return path.replace("{person}", String.valueOf(person.id()));
    }

    private void signInAs(As as) {
        if (as == signedInAs) {
            return;
        }
        browser.manage().deleteAllCookies();
        signedInAs = as;
        if (as == ANONYMOUS) {
            return;
        }
        Account account = people.get(as);
        boolean withPass = tapPasses.containsKey(as);
        browser.get(url(withPass ? "/login/tap" : "/login"));
        waitForPage(browser);
        browser.findElement(By.id("username")).sendKeys(account.email());
        browser.findElement(By.id(withPass ? "pass" : "password"))
                .sendKeys(withPass ? tapPasses.get(as) : PASSWORD);
        submit("main form").action().accept(browser);
        if (as == CONTACT_WITH_APP) {
            assertThat(browser.findElements(By.id("code"))).isNotEmpty();
            return;
        }
        assertThat(browser.findElement(By.cssSelector("header .who")).getText()).isEqualTo(account.displayName());
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static void waitForPage(WebDriver driver) {
        Browsers.waitFor(driver).until(d -> "complete".equals(
                ((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** Marks the page shown now, so that {@link #waitForNextPage} can tell when another has replaced it. */
    static void markPage(WebDriver driver) {
        ((JavascriptExecutor) driver).executeScript("window.helpdeskPageBefore = true;");
    }

    /** Waits until a page other than the marked one is fully loaded; errors while the pages change are ignored. */
    static void waitForNextPage(WebDriver driver) {
        Browsers.waitFor(driver).ignoring(WebDriverException.class).until(d -> Boolean.TRUE.equals(
                ((JavascriptExecutor) d).executeScript(
                        "return !window.helpdeskPageBefore && document.readyState === 'complete';")));
    }

    private static String describe(Page page, Rule rule) {
        StringBuilder out = new StringBuilder()
                .append(page.label()).append(": [").append(rule.getImpact()).append("] ")
                .append(rule.getId()).append(": ").append(rule.getHelp()).append(" (").append(rule.getHelpUrl())
                .append(")");
        for (CheckedNode node : rule.getNodes()) {
            out.append("\n    at ").append(node.getTarget()).append(": ").append(node.getHtml());
            if (node.getFailureSummary() != null) {
                out.append("\n       ").append(node.getFailureSummary().replace("\n", "\n       "));
            }
        }
        return out.toString();
    }
}
