package org.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.helpdesk.accounts.Account;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The Temporary Access Pass from end to end in real browsers: an admin signs in with a password, turns the
 * policy on, creates a guest and issues a pass; the guest signs in with it in a second browser; the admin sees
 * the pass used and cannot get it shown again.
 */
@RequireChromium
@H2Test
class BrowserTapJourneyTests extends IntegrationTestSupport {

    private static final String ADMIN_PASSWORD = "a long browser journey password";
    private static final String SHOTS = "tap-journey/";
    private static final String PASS_PATTERN = "[0-9A-Z]{4}(-[0-9A-Z]{4})*(-[0-9A-Z]{1,3})?";

    private WebDriver helpdesk;
    private WebDriver guestBrowser;
    private TapPolicy policyBefore;

    @BeforeAll
    static void clearScreenshots() {
        Browsers.clearScreenshots(SHOTS);
    }

    /** When a step fails, what each browser showed at that moment, before the browsers are closed. */
    @RegisterExtension
    final TestExecutionExceptionHandler screenshotsOnFailure = (context, failure) -> {
        screenshotOnFailure(helpdesk, SHOTS + "failed-helpdesk", failure);
        screenshotOnFailure(guestBrowser, SHOTS + "failed-guest", failure);
        throw failure;
    };

    @BeforeEach
    void rememberPolicy() {
        policyBefore = policies.current();
    }

    @AfterEach
    void quitBrowsersAndRestorePolicy() {
        Browsers.quit(helpdesk, guestBrowser);
        helpdesk = null;
        guestBrowser = null;
        // the context is shared with other tests: leave the policy as it was found
        setPolicy(policyBefore);
    }

    @Test
    void adminIssuesPassToNewGuestWhoSignsInWithItInAnotherBrowser() {
        Account admin = newAdmin();
        accounts.changeOwnPassword(user(admin), null, ADMIN_PASSWORD);
        String guestEmail = uniqueEmail("guest.browser");
        String guestName = "Gwen Browser " + UUID.randomUUID().toString().substring(0, 6);

        // Browser 1, the helpdesk: sign in with email and password
        helpdesk = Browsers.open();
        helpdesk.get(url("/login"));
        helpdesk.findElement(By.id("username")).sendKeys(admin.email());
        helpdesk.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
        Browsers.screenshot(helpdesk, SHOTS + "01-admin-sign-in");
        submit(helpdesk, By.cssSelector("main form"));
        Browsers.waitFor(helpdesk).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header .who")));
        assertThat(helpdesk.findElement(By.cssSelector("header .who")).getText()).isEqualTo(admin.displayName());

        // Account administration → Security → Temporary Access Pass: enable it
        clickLink(helpdesk, "Account administration → Security");
        waitForPath(helpdesk, "/admin/security");
        clickLink(helpdesk, "Temporary Access Pass");
        waitForPath(helpdesk, "/admin/security/authentication-methods/temporary-access-pass");
        setCheckbox(helpdesk, By.id("enabled"), true);
        // passes that can be used more than once, so that the one used below stays usable
        setCheckbox(helpdesk, By.id("isUsableOnce"), false);
        submit(helpdesk, By.cssSelector("main form"));
        assertThat(waitForNotice(helpdesk)).isEqualTo("The policy was saved.");
        assertThat(helpdesk.findElement(By.id("enabled")).isSelected()).isTrue();
        Browsers.screenshot(helpdesk, SHOTS + "02-policy-saved");

        // Contacts → Contact list → + New contact, a guest
        clickLink(helpdesk, "Contacts → Contact list");
        waitForPath(helpdesk, "/contacts");
        clickLink(helpdesk, "+ New contact");
        waitForPath(helpdesk, "/contacts/new");
        helpdesk.findElement(By.id("email")).sendKeys(guestEmail);
        helpdesk.findElement(By.id("displayName")).sendKeys(guestName);
        setCheckbox(helpdesk, By.id("guest"), true);
        Browsers.screenshot(helpdesk, SHOTS + "03-new-guest");
        submit(helpdesk, By.cssSelector("main form"));
        assertThat(waitForNotice(helpdesk)).isEqualTo("The person was created.");
        assertThat(helpdesk.findElement(By.tagName("h1")).getText()).isEqualTo(guestName);
        String profile = path(helpdesk);
        assertThat(profile).matches("/people/\\d+");
        assertThat(helpdesk.findElement(By.cssSelector(".subtitle")).getText()).contains("Guest");

        // their Authentication tab: + add pass, with the form's defaults
        helpdesk.findElement(By.cssSelector("nav.tabs")).findElement(By.linkText("Authentication")).click();
        Browsers.waitFor(helpdesk).until(ExpectedConditions.presenceOfElementLocated(By.id("add-heading")));
        assertThat(helpdesk.findElement(By.id("add-heading")).getText()).isEqualTo("+ add pass");
        assertThat(helpdesk.findElement(By.tagName("main")).getText()).contains("This person has no passes.");
        Browsers.screenshot(helpdesk, SHOTS + "04-authentication-tab-before");
        submit(helpdesk, By.cssSelector("section[aria-labelledby='add-heading'] form"));
        Browsers.waitFor(helpdesk).until(ExpectedConditions.presenceOfElementLocated(By.id("pass-value")));
        String shownPass = helpdesk.findElement(By.id("pass-value")).getText().strip();
        assertThat(shownPass).matches(PASS_PATTERN);
        assertThat(fact(helpdesk, "Start")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} .+");
        assertThat(fact(helpdesk, "End")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} .+ \\(.+\\)");
        assertThat(fact(helpdesk, "One-time")).isEqualTo("No");
        assertThat(fact(helpdesk, "Sign in at")).startsWith("http").endsWith("/login/tap");
        Browsers.screenshot(helpdesk, SHOTS + "05-pass-issued");

        // Browser 2, the guest's own: sign in with the pass, typed loosely
        guestBrowser = Browsers.open();
        guestBrowser.get(url("/login"));
        clickLink(guestBrowser, "Sign in with a Temporary Access Pass");
        waitForPath(guestBrowser, "/login/tap");
        guestBrowser.findElement(By.id("username")).sendKeys(guestEmail);
        String typed = shownPass.toLowerCase(Locale.ROOT).replace('-', ' ');
        guestBrowser.findElement(By.id("pass")).sendKeys(typed);
        Browsers.screenshot(guestBrowser, SHOTS + "06-guest-types-pass");
        submit(guestBrowser, By.cssSelector("main form"));
        Browsers.waitFor(guestBrowser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header .who")));
        assertThat(guestBrowser.findElement(By.cssSelector("header .who")).getText()).isEqualTo(guestName);
        assertThat(path(guestBrowser)).isEqualTo(profile + "/authentication");
        assertThat(guestBrowser.findElement(By.tagName("main")).getText())
                .contains("Guests have no password: they sign in only with a Temporary Access Pass.");
        Browsers.screenshot(guestBrowser, SHOTS + "07-guest-signed-in");

        // Browser 1 again: the Authentication tab shows the pass, usable and used once
        clickLink(helpdesk, "Back to the Authentication tab");
        Browsers.waitFor(helpdesk).until(ExpectedConditions.presenceOfElementLocated(By.id("passes-heading")));
        helpdesk.navigate().refresh();
        Browsers.waitFor(helpdesk).until(ExpectedConditions.presenceOfElementLocated(By.id("passes-heading")));
        List<WebElement> rows = helpdesk.findElements(By.cssSelector("table.passes tbody tr"));
        assertThat(rows).hasSize(1);
        WebElement row = rows.get(0);
        assertThat(row.getDomAttribute("data-state")).isEqualTo("EnabledByPolicy");
        List<WebElement> cells = row.findElements(By.tagName("td"));
        assertThat(cells.get(0).getText()).contains("Usable").contains("EnabledByPolicy");
        assertThat(cells.get(4).getText()).isEqualTo("No");
        assertThat(cells.get(5).getText()).isNotEqualTo("Never");
        assertThat(cells.get(6).getText()).isEqualTo("1");
        assertThat(helpdesk.getPageSource()).doesNotContain(shownPass);
        Browsers.screenshot(helpdesk, SHOTS + "08-pass-used-once");

        // Back to the page that showed the pass: the browser has nothing to show without sending the form again
        helpdesk.navigate().back();
        waitForPath(helpdesk, profile + "/passes");
        assertThat(helpdesk.findElements(By.id("pass-value"))).isEmpty();
        assertThat(helpdesk.getPageSource()).doesNotContain(shownPass);
        Browsers.screenshot(helpdesk, SHOTS + "09-back-to-issued-page");

        // ...and reloading it sends the spent form again: no pass is shown and no second pass is made
        helpdesk.navigate().refresh();
        waitForPath(helpdesk, profile + "/authentication");
        Browsers.waitFor(helpdesk).until(ExpectedConditions.presenceOfElementLocated(By.id("passes-heading")));
        assertThat(helpdesk.findElement(By.cssSelector("main .problem")).getText())
                .startsWith("That pass was already shown");
        assertThat(helpdesk.findElements(By.id("pass-value"))).isEmpty();
        assertThat(helpdesk.getPageSource()).doesNotContain(shownPass);
        List<WebElement> after = helpdesk.findElements(By.cssSelector("table.passes tbody tr"));
        assertThat(after).hasSize(1);
        assertThat(after.get(0).getDomAttribute("data-state")).isEqualTo("EnabledByPolicy");
        assertThat(after.get(0).findElements(By.tagName("td")).get(6).getText()).isEqualTo("1");
        Browsers.screenshot(helpdesk, SHOTS + "10-reload-refused");
    }

    private static void screenshotOnFailure(WebDriver driver, String name, Throwable failure) {
        if (driver != null) {
            try {
                Browsers.screenshot(driver, name);
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static void clickLink(WebDriver driver, String text) {
        Browsers.waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.linkText(text))).click();
    }

    private static String path(WebDriver driver) {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    private static void waitForPath(WebDriver driver, String path) {
        Browsers.waitFor(driver).until(d -> path.equals(path(d)));
    }

    /** Submits with the form's own submit button, as a person would, and waits for the next page. */
    private static void submit(WebDriver driver, By form) {
        WebElement before = driver.findElement(By.tagName("html"));
        driver.findElement(form).findElement(By.cssSelector("button[type='submit']")).click();
        Browsers.waitFor(driver).until(ExpectedConditions.stalenessOf(before));
        Browsers.waitFor(driver).until(d -> "complete".equals(
                ((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    private static void setCheckbox(WebDriver driver, By checkbox, boolean checked) {
        WebElement box = driver.findElement(checkbox);
        if (box.isSelected() != checked) {
            box.click();
        }
        assertThat(box.isSelected()).isEqualTo(checked);
    }

    private static String waitForNotice(WebDriver driver) {
        return Browsers.waitFor(driver)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("main .notice"))).getText();
    }

    /** The value next to a label in the page's list of facts. */
    private static String fact(WebDriver driver, String label) {
        return driver.findElement(By.xpath("//dl[contains(@class,'facts')]/dt[normalize-space()='" + label
                + "']/following-sibling::dd[1]")).getText().strip();
    }
}
