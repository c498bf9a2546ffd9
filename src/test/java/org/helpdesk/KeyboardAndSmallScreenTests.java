package org.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.helpdesk.accounts.Account;
import org.helpdesk.passes.CharacterSet;
import org.helpdesk.passes.TapPolicy;
import org.helpdesk.support.Browsers;
import org.helpdesk.support.Browsers.RequireChromium;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * What axe-core cannot see: signing in with a pass by keyboard alone with the focus always visible, the pass
 * pages on a small phone without sideways scrolling, and the pass read out and copied with an announcement.
 */
@RequireChromium
@H2Test
class KeyboardAndSmallScreenTests extends IntegrationTestSupport {

    private static final String SHOTS = "keyboard-and-small-screens/";
    private static final String PASSWORD = "a keyboard and phone password";
    private static final Dimension PHONE = new Dimension(360, 740);
    private static final String COPIED = "Pass copied to the clipboard.";

    private WebDriver browser;
    private TapPolicy policyBefore;

    @BeforeAll
    static void clearScreenshots() {
        Browsers.clearScreenshots(SHOTS);
    }

    @RegisterExtension
    final TestExecutionExceptionHandler screenshotOnFailure = (context, failure) -> {
        if (browser != null) {
            try {
                Browsers.screenshot(browser, SHOTS + "failed-" + context.getRequiredTestMethod().getName());
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        throw failure;
    };

    @BeforeEach
    void rememberPolicy() {
        policyBefore = policies.current();
    }

    @AfterEach
    void quitBrowserAndRestorePolicy() {
        Browsers.quit(browser);
        browser = null;
        setPolicy(policyBefore);
    }

    @Test
    void signsInWithAPassByKeyboardAloneWithTheFocusAlwaysVisible() {
        enableTap();
        Account contact = newContact(false);
        String pass = issue(contact).value();
        browser = Browsers.open();
        browser.get(url("/login/tap"));
        waitForPage(browser);

        // the first Tab shows the skip link, readable, with a visible focus; Enter skips to the form
        tab();
        assertThat(focused().getDomAttribute("class")).isEqualTo("skip");
        assertFocusVisible();
        assertThat(focused().getRect().getX()).isGreaterThanOrEqualTo(0);
        Results skipLink = new AxeBuilder().withOnlyRules(List.of("color-contrast")).include(".skip").analyze(browser);
        assertThat(skipLink.getViolations()).as("contrast of the focused skip link").isEmpty();
        assertThat(skipLink.getPasses()).as("contrast of the focused skip link was checked (to review: %s)",
                skipLink.getIncomplete().stream().map(r -> r.getNodes().toString()).toList()).isNotEmpty();
        Browsers.screenshot(browser, SHOTS + "keyboard-01-skip-link");
        keys(Keys.ENTER);
        Browsers.waitFor(browser).until(d -> d.getCurrentUrl().endsWith("#main"));
        tab();
        assertThat(focused().getDomAttribute("id")).isEqualTo("username");
        assertFocusVisible();

        // a wrong pass first: the error is announced and describes both fields, the email stays typed
        keys(contact.email());
        tab();
        assertThat(focused().getDomAttribute("id")).isEqualTo("pass");
        assertFocusVisible();
        keys("WRONG PASS 123");
        enterAndWaitForNextPage();
        WebElement error = browser.findElement(By.id("tap-error"));
        assertThat(error.getDomAttribute("role")).isEqualTo("alert");
        assertThat(error.getText()).startsWith("The email address or pass is not right");
        assertThat(browser.findElement(By.id("username")).getDomAttribute("aria-describedby")).contains("tap-error");
        assertThat(browser.findElement(By.id("pass")).getDomAttribute("aria-describedby"))
                .contains("pass-hint").contains("tap-error");
        assertThat(browser.findElement(By.id("username")).getDomProperty("value")).isEqualTo(contact.email());
        Browsers.screenshot(browser, SHOTS + "keyboard-02-wrong-pass");

        // then the right one, by Tab, typing and Enter only
        tabUntil("pass");
        keys(pass.toLowerCase(java.util.Locale.ROOT));
        tab();
        assertThat(focused().getTagName()).isEqualTo("button");
        assertThat(focused().getText()).isEqualTo("Sign in");
        assertFocusVisible();
        Browsers.screenshot(browser, SHOTS + "keyboard-03-sign-in-button");
        enterAndWaitForNextPage();
        Browsers.waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header .who")));
        assertThat(browser.findElement(By.cssSelector("header .who")).getText()).isEqualTo(contact.displayName());
        assertThat(browser.getCurrentUrl()).endsWith("/people/" + contact.id() + "/authentication");

        // and on the page reached, the focus stays visible on every control, the banner's included
        for (int i = 0; i < 12; i++) {
            tab();
            if ("body".equals(focused().getTagName())) {
                break;
            }
            assertFocusVisible();
        }
        Browsers.screenshot(browser, SHOTS + "keyboard-04-signed-in");
    }

    @Test
    void adminIssuesAPassAndCopiesItByKeyboardAlone() {
        enableTap();
        Account admin = adminWithPassword();
        Account person = newContact(true);
        browser = Browsers.open();
        browser.get(url("/login"));
        waitForPage(browser);
        tabUntil("username");
        assertFocusVisible();
        keys(admin.email());
        tab();
        assertThat(focused().getDomAttribute("id")).isEqualTo("password");
        keys(PASSWORD);
        enterAndWaitForNextPage();
        Browsers.waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header .who")));

        browser.get(url("/people/" + person.id() + "/authentication"));
        waitForPage(browser);
        tabUntil("lifetimeInMinutes");
        assertFocusVisible();
        keys(Keys.chord(Keys.CONTROL, "a"), "90");
        tab();
        assertThat(focused().getDomAttribute("id")).isEqualTo("isUsableOnce");
        assertFocusVisible();
        keys(Keys.SPACE);
        assertThat(focused().isSelected()).isTrue();
        tab();
        assertThat(focused().getText()).isEqualTo("Create pass");
        assertFocusVisible();
        enterAndWaitForNextPage();
        String shown = browser.findElement(By.id("pass-value")).getText();
        assertThat(shown).matches("[0-9A-Z]{4}(-[0-9A-Z]{1,4})+");
        assertThat(browser.getPageSource()).contains("1 hour 30 minutes");

        tabUntil("copy-pass");
        assertFocusVisible();
        keys(Keys.ENTER);
        waitForStatus(COPIED);
        Browsers.screenshot(browser, SHOTS + "keyboard-05-pass-issued-and-copied");
    }

    @Test
    void passSignInAndThePassShownFitAPhoneAndADesktop() {
        // the longest pass the policy allows is the hardest to fit
        setPolicy(new TapPolicy(true, 10, 480, 60, false, TapPolicy.LENGTH_MAX, CharacterSet.BASE32));
        Account admin = adminWithPassword();
        Account person = newContact(true);
        for (Dimension size : List.of(PHONE, Browsers.DEFAULT_SIZE)) {
            String name = size.getWidth() + "x" + size.getHeight();
            browser = Browsers.open(size);
            assertThat(((Number) js("return window.innerWidth")).intValue()).as("viewport width")
                    .isEqualTo(size.getWidth());

            browser.get(url("/login/tap"));
            waitForPage(browser);
            assertNoSidewaysScrolling("/login/tap at " + name);
            Browsers.screenshot(browser, SHOTS + "login-tap-" + name);

            browser.get(url("/login/tap?error=expired"));
            waitForPage(browser);
            assertNoSidewaysScrolling("/login/tap with an error at " + name);
            Browsers.screenshot(browser, SHOTS + "login-tap-error-" + name);

            signIn(admin);
            String shown = issueInBrowser(person);
            assertThat(shown.replace("-", "")).hasSize(TapPolicy.LENGTH_MAX);
            assertNoSidewaysScrolling("the pass shown at " + name);
            Browsers.screenshot(browser, SHOTS + "pass-issued-" + name);
            browser.findElement(By.cssSelector("details.spelled summary")).click();
            assertNoSidewaysScrolling("the pass spelled out at " + name);
            Browsers.screenshot(browser, SHOTS + "pass-spelled-" + name);

            Browsers.quit(browser);
            browser = null;
        }
    }

    @Test
    void screenReadersGetThePassCharacterByCharacterAndHearTheCopy() {
        enableTap();
        Account admin = adminWithPassword();
        Account person = newContact(false);
        browser = Browsers.open();
        signIn(admin);
        String shown = issueInBrowser(person);

        // the pass is read one character at a time, with pauses between the groups, inside a named group
        WebElement box = browser.findElement(By.cssSelector(".pass-box"));
        assertThat(box.getAccessibleName()).isEqualTo("The pass");
        assertThat(browser.findElement(By.id("pass-value")).getDomAttribute("aria-hidden")).isEqualTo("true");
        String spoken = String.join(", ", java.util.Arrays.stream(shown.split("-"))
                .map(group -> String.join(" ", group.split(""))).toList());
        assertThat(browser.findElement(By.id("pass-spoken")).getDomProperty("textContent"))
                .isEqualTo("Character by character: " + spoken);
        WebElement status = browser.findElement(By.id("copy-status"));
        assertThat(status.getDomAttribute("role")).isEqualTo("status");
        assertThat(status.getText()).isEmpty();

        // Copy, as the browser allows it
        browser.findElement(By.id("copy-pass")).click();
        waitForStatus(COPIED);
        Browsers.screenshot(browser, SHOTS + "copy-01-copied");

        // Copy where the Clipboard API is refused: the older way still copies and says so
        js("Object.defineProperty(navigator, 'clipboard', {configurable: true, value: "
                + "{writeText: function () { return Promise.reject(new Error('refused')); }}});");
        clearStatus();
        browser.findElement(By.id("copy-pass")).click();
        waitForStatus(COPIED);

        // Copy where nothing can copy: the pass is left selected and the status says what to do
        js("document.execCommand = function () { return false; };");
        clearStatus();
        browser.findElement(By.id("copy-pass")).click();
        waitForStatus("The pass could not be copied here. It is selected now: copy it with the keyboard or the menu.");
        assertThat(js("return window.getSelection().toString()")).isEqualTo(shown);
        Browsers.screenshot(browser, SHOTS + "copy-02-not-copied");
    }

    @Test
    void securityPageAndTheSecondFactorNoticeFitAPhoneAndWorkByKeyboard() {
        Account admin = adminWithPassword();
        secondFactors.register(admin.id());
        browser = Browsers.open(PHONE);
        signIn(admin);
        browser.get(url("/admin/security"));
        waitForPage(browser);
        assertNoSidewaysScrolling("/admin/security at a phone's width");

        // the checkbox is reached and ticked by keyboard; a bad number is announced on its field
        browser.findElement(By.id("requireSecondFactorForAgents")).sendKeys(Keys.SPACE);
        assertThat(browser.findElement(By.id("requireSecondFactorForAgents")).isSelected()).isTrue();
        WebElement minimum = browser.findElement(By.id("passwordMinimumLength"));
        minimum.clear();
        minimum.sendKeys("7");
        enterAndWaitForNextPage();
        assertThat(browser.findElement(By.id("passwordMinimumLength")).getDomAttribute("aria-describedby"))
                .contains("passwordMinimumLength-error");
        assertNoSidewaysScrolling("/admin/security with an error at a phone's width");
        Browsers.screenshot(browser, SHOTS + "security-error-360");
        minimum = browser.findElement(By.id("passwordMinimumLength"));
        minimum.clear();
        minimum.sendKeys("12");
        enterAndWaitForNextPage();
        assertThat(securitySettings.current().requireSecondFactorForAgents()).isTrue();
        assertThat(securitySettings.current().passwordMinimumLength()).isEqualTo(12);

        // an agent without a second factor lands on their tab with the notice, also on a phone
        Account agent = newAgent(org.helpdesk.accounts.Role.AGENT);
        accounts.changeOwnPassword(user(agent), null, PASSWORD);
        browser.manage().deleteAllCookies();
        signIn(agent);
        assertThat(browser.getCurrentUrl()).endsWith("/people/" + agent.id() + "/authentication");
        assertThat(browser.findElement(By.id("second-factor-required")).getDomAttribute("role")).isEqualTo("alert");
        assertNoSidewaysScrolling("the second-factor notice at a phone's width");
        Browsers.screenshot(browser, SHOTS + "second-factor-required-360");
    }

    // --- helpers

    private Account adminWithPassword() {
        Account admin = newAdmin();
        accounts.changeOwnPassword(user(admin), null, PASSWORD);
        return admin;
    }

    private void signIn(Account account) {
        browser.get(url("/login"));
        waitForPage(browser);
        browser.findElement(By.id("username")).sendKeys(account.email());
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        submit(By.cssSelector("main form"));
        assertThat(browser.findElement(By.cssSelector("header .who")).getText()).isEqualTo(account.displayName());
    }

    /** "+ add pass" on the person's Authentication tab, with the form's defaults; returns the pass shown. */
    private String issueInBrowser(Account person) {
        browser.get(url("/people/" + person.id() + "/authentication"));
        waitForPage(browser);
        submit(By.cssSelector("section[aria-labelledby='add-heading'] form"));
        return browser.findElement(By.id("pass-value")).getText().strip();
    }

    private void submit(By form) {
        AccessibilityTests.markPage(browser);
        browser.findElement(form).findElement(By.cssSelector("button[type='submit']")).click();
        AccessibilityTests.waitForNextPage(browser);
    }

    private void enterAndWaitForNextPage() {
        AccessibilityTests.markPage(browser);
        keys(Keys.ENTER);
        AccessibilityTests.waitForNextPage(browser);
    }

    private void tab() {
        keys(Keys.TAB);
    }

    private void tabUntil(String id) {
        for (int i = 0; i < 30; i++) {
            tab();
            if (id.equals(focused().getDomAttribute("id"))) {
                assertFocusVisible();
                return;
            }
        }
        throw new AssertionError("Tab never reached #" + id);
    }

    private void keys(CharSequence... keys) {
        new Actions(browser).sendKeys(keys).perform();
    }

    private WebElement focused() {
        return browser.switchTo().activeElement();
    }

    /** The focused element draws an outline: a style other than none, and some width. */
    private void assertFocusVisible() {
        @SuppressWarnings("unchecked")
        Map<String, Object> style = (Map<String, Object>) js(
                "var e = document.activeElement, s = getComputedStyle(e);"
                        + "return {element: e.outerHTML.substring(0, 120), style: s.outlineStyle,"
                        + " width: parseFloat(s.outlineWidth), focusVisible: e.matches(':focus-visible')};");
        assertThat(style.get("focusVisible")).as("matches :focus-visible: %s", style.get("element")).isEqualTo(true);
        assertThat(style.get("style")).as("outline style of %s", style.get("element")).isNotEqualTo("none");
        assertThat(((Number) style.get("width")).doubleValue()).as("outline width of %s", style.get("element"))
                .isGreaterThanOrEqualTo(2);
    }

    private void assertNoSidewaysScrolling(String what) {
        long scrollWidth = ((Number) js("return document.documentElement.scrollWidth")).longValue();
        long innerWidth = ((Number) js("return window.innerWidth")).longValue();
        long clientWidth = ((Number) js("return document.documentElement.clientWidth")).longValue();
        assertThat(scrollWidth).as("scrollWidth of %s (innerWidth %s)", what, innerWidth)
                .isLessThanOrEqualTo(innerWidth);
        // a vertical scroll bar takes its width from innerWidth: what is left must hold the page too
        assertThat(scrollWidth).as("scrollWidth of %s (clientWidth %s)", what, clientWidth)
                .isLessThanOrEqualTo(clientWidth);
    }

    private void waitForStatus(String text) {
        Browsers.waitFor(browser).until(d -> text.equals(d.findElement(By.id("copy-status")).getText()));
    }

    private void clearStatus() {
        js("document.getElementById('copy-status').textContent = '';");
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static void waitForPage(WebDriver driver) {
        Browsers.waitFor(driver).until(d -> "complete".equals(
                ((JavascriptExecutor) d).executeScript("return document.readyState")));
    }
}
