package org.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.helpdesk.accounts.Account;
import org.helpdesk.support.Browser;
import org.helpdesk.support.Browsers;
import org.helpdesk.support.Browsers.RequireChromium;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * "Sign out everywhere else" in a real browser: a person changes their password with the box beside it left ticked,
 * and later presses the button on their Authentication tab; each time the session on their other device ends and
 * the browser stays signed in.
 */
@RequireChromium
@H2Test
class BrowserSignOutEverywhereElseTests extends IntegrationTestSupport {

    private static final String PASSWORD = "a long sign out journey password";
    private static final String NEW_PASSWORD = "another long sign out journey password";

    private WebDriver browser;

    @AfterEach
    void quitBrowser() {
        Browsers.quit(browser);
        browser = null;
    }

    @Test
    void personEndsTheirOtherDevicesSessionsByPasswordChangeAndByTheButton() {
        Account contact = newContact(false);
        accounts.changeOwnPassword(user(contact), null, PASSWORD);
        String tab = "/people/" + contact.id() + "/authentication";
        Browser phone = signedInWithPassword(contact, PASSWORD);

        browser = Browsers.open();
        browser.get("http://127.0.0.1:" + port + "/login");
        browser.findElement(By.id("username")).sendKeys(contact.email());
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        Browsers.submit(browser, browser.findElement(By.cssSelector("main form")));
        Browsers.waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header .who")));
        assertThat(path()).isEqualTo(tab);

        // the password changed, the box beside it left as it was
        assertThat(browser.findElement(By.id("endOtherSessions")).isSelected()).isTrue();
        browser.findElement(By.id("currentPassword")).sendKeys(PASSWORD);
        browser.findElement(By.id("newPassword")).sendKeys(NEW_PASSWORD);
        browser.findElement(By.id("confirmPassword")).sendKeys(NEW_PASSWORD);
        Browsers.submit(browser, browser.findElement(By.id("newPassword")).findElement(By.xpath("./ancestor::form")));
        assertThat(browser.findElement(By.cssSelector("p.notice")).getText())
                .isEqualTo("Your password has been saved, and you have been signed out everywhere else.");
        assertThat(phone.location(phone.get("/profile"))).isEqualTo("/login?sessionEnded");

        // signed in on the phone again, then out of it with the button
        Browser phoneAgain = signedInWithPassword(contact, NEW_PASSWORD);
        Browsers.submit(browser, browser.findElement(By.cssSelector("section[aria-labelledby='sessions-heading'] form")));
        assertThat(browser.findElement(By.cssSelector("p.notice")).getText())
                .isEqualTo("You have been signed out everywhere else. This session goes on.");
        assertThat(path()).isEqualTo(tab);
        assertThat(phoneAgain.location(phoneAgain.get("/profile"))).isEqualTo("/login?sessionEnded");
        browser.get("http://127.0.0.1:" + port + "/profile");
        Browsers.waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header .who")));
        assertThat(path()).isEqualTo(tab);
    }

    private String path() {
        return URI.create(browser.getCurrentUrl()).getPath();
    }
}
