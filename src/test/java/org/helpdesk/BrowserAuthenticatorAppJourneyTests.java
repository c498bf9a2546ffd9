package org.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.helpdesk.accounts.Account;
import org.helpdesk.support.Browsers;
import org.helpdesk.support.Browsers.RequireChromium;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * An authenticator app from end to end in a real browser the size of a small phone: a contact signs in with their
 * password, adds an app by typing the key the page shows into it, keeps the recovery codes, signs out, and signs
 * in again with password and a code of the app. No page of the way scrolls sideways.
 */
@RequireChromium
@H2Test
class BrowserAuthenticatorAppJourneyTests extends IntegrationTestSupport {

    private static final String PASSWORD = "a long authenticator journey password";
    private static final String SHOTS = "authenticator-app-journey/";

    private WebDriver browser;

    @BeforeAll
    static void clearScreenshots() {
        Browsers.clearScreenshots(SHOTS);
    }

    @AfterEach
    void quitBrowser() {
        Browsers.quit(browser);
        browser = null;
    }

    @Test
    void contactAddsAnAppByTypingItsKeyThenSignsInWithPasswordAndCode() {
        Account contact = newContact(false);
        accounts.changeOwnPassword(user(contact), null, PASSWORD);

        browser = Browsers.open(new Dimension(360, 740));
        signInWithPassword(contact);
        waitForPresent(By.cssSelector("header .who"));
        assertThat(path()).isEqualTo("/people/" + contact.id() + "/authentication");

        // the Authentication tab: add an authenticator app
        browser.findElement(By.linkText("Add an authenticator app")).click();
        waitForPresent(By.id("secret"));
        assertThat(path()).isEqualTo("/profile/authenticator-app");
        assertThat(browser.findElement(By.id("qr-code")).getDomAttribute("src")).startsWith("data:image/svg+xml;base64,");
        String key = browser.findElement(By.id("secret")).getText();
        assertThat(key).matches("([A-Z2-7]{4} ){7}[A-Z2-7]{4}");
        assertNoSidewaysScrolling("the page adding an app");
        Browsers.screenshot(browser, SHOTS + "01-add-app");

        // the "app": the key typed in, the code it shows typed back
        String secret = key.replace(" ", "");
        browser.findElement(By.id("code")).sendKeys(totpCode(secret, clock.instant()));
        submit(By.cssSelector("main form"));
        waitForPresent(By.id("recovery-codes"));
        List<WebElement> codes = browser.findElements(By.cssSelector("#recovery-codes li"));
        assertThat(codes).hasSize(10);
        assertNoSidewaysScrolling("the recovery codes");
        Browsers.screenshot(browser, SHOTS + "02-recovery-codes");

        browser.findElement(By.id("recovery-codes-done")).click();
        waitForPresent(By.id("authenticator-app-state"));
        assertThat(browser.findElement(By.id("recovery-codes-left")).getText()).isEqualTo("10 recovery codes left.");
        assertNoSidewaysScrolling("the Authentication tab");

        // sign out, then in again: the password alone is not enough
        submit(By.cssSelector("header form.signout"));
        waitForPresent(By.id("password"));
        signInWithPassword(contact);
        waitForPresent(By.id("code"));
        assertThat(path()).isEqualTo("/login/second-factor");
        assertThat(browser.findElements(By.cssSelector("header .who"))).isEmpty();
        assertNoSidewaysScrolling("the code page");
        Browsers.screenshot(browser, SHOTS + "03-second-step");

        // the app's next code
        clock.advance(Duration.ofSeconds(30));
        browser.findElement(By.id("code")).sendKeys(totpCode(secret, clock.instant()));
        submit(By.cssSelector("main form"));
        waitForPresent(By.cssSelector("header .who"));
        assertThat(browser.findElement(By.cssSelector("header .who")).getText()).isEqualTo(contact.displayName());
        assertThat(path()).isEqualTo("/people/" + contact.id() + "/authentication");
        Browsers.screenshot(browser, SHOTS + "04-signed-in");
    }

    private void signInWithPassword(Account account) {
        browser.get("http://127.0.0.1:" + port + "/login");
        browser.findElement(By.id("username")).sendKeys(account.email());
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        submit(By.cssSelector("main form"));
    }

    private void assertNoSidewaysScrolling(String what) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        long scrollWidth = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
        long clientWidth = ((Number) js.executeScript("return document.documentElement.clientWidth")).longValue();
        assertThat(scrollWidth).as("scrollWidth of %s", what).isLessThanOrEqualTo(clientWidth);
    }

    private String path() {
        return URI.create(browser.getCurrentUrl()).getPath();
    }

    private void waitForPresent(By element) {
        Browsers.waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(element));
    }

    /** Submits with the form's own submit button, as a person would, and waits for the next page. */
    private void submit(By form) {
        WebElement before = browser.findElement(By.tagName("html"));
        browser.findElement(form).findElement(By.cssSelector("button[type='submit']")).click();
        Browsers.waitFor(browser).until(ExpectedConditions.stalenessOf(before));
        Browsers.waitFor(browser).until(d -> "complete".equals(
                ((JavascriptExecutor) d).executeScript("return document.readyState")));
    }
}
