package org.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.io.UncheckedIOException;
import java.util.List;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Role;
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
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Recovery with a passkey in a real browser: a person who lost their usual way in gets a pass from an admin,
 * signs in with it, lands on their Authentication tab, adds a passkey (Chromium's virtual authenticator: CTAP2,
 * discoverable credential, user verified), signs out, and signs in again with the passkey alone.
 * WebAuthn needs a secure context, so the browser goes to http://localhost on a port chosen before the service
 * starts, and the relying party's allowed origin is that address.
 */
@RequireChromium
@H2Test
class BrowserPasskeyJourneyTests extends IntegrationTestSupport {

    private static final int PORT = freePort();
    private static final String ADMIN_PASSWORD = "a long passkey journey password";
    private static final String SHOTS = "passkey-journey/";

    private WebDriver helpdesk;
    private WebDriver person;
    private TapPolicy policyBefore;

    @DynamicPropertySource
    static void localhostOrigin(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("helpdesk.passkeys.rp-id", () -> "localhost");
        registry.add("helpdesk.passkeys.allowed-origins", () -> "http://localhost:" + PORT);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void clearScreenshots() {
        Browsers.clearScreenshots(SHOTS);
    }

    @RegisterExtension
    final TestExecutionExceptionHandler screenshotsOnFailure = (context, failure) -> {
        for (WebDriver driver : new WebDriver[] {helpdesk, person}) {
            if (driver != null) {
                try {
                    Browsers.screenshot(driver, SHOTS + (driver == helpdesk ? "failed-helpdesk" : "failed-person"));
                } catch (RuntimeException e) {
                    failure.addSuppressed(e);
                }
            }
        }
        throw failure;
    };

    @BeforeEach
    void rememberPolicy() {
        policyBefore = policies.current();
    }

    @AfterEach
    void quitBrowsersAndRestorePolicy() {
        Browsers.quit(helpdesk, person);
        helpdesk = null;
        person = null;
        setPolicy(policyBefore);
    }

    @Test
    void personWhoLostTheirAuthenticatorAppGetsAPassAddsAPasskeyAndSignsInWithItAlone() throws Exception {
        enableTap();
        Account admin = newAdmin();
        accounts.changeOwnPassword(user(admin), null, ADMIN_PASSWORD);
        Account agent = newAgent(Role.AGENT);
        accounts.changeOwnPassword(user(agent), null, "a password the agent has forgotten");
        // the app on the phone they lost: their password alone no longer signs them in
        addAuthenticatorApp(agent);

        // the helpdesk: an admin signs in and issues a pass from the person's Authentication tab
        helpdesk = Browsers.open();
        helpdesk.get(url("/login"));
        helpdesk.findElement(By.id("username")).sendKeys(admin.email());
        helpdesk.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
        submit(helpdesk, By.cssSelector("main form"));
        helpdesk.get(url("/people/" + agent.id() + "/authentication"));
        submit(helpdesk, By.cssSelector("section[aria-labelledby='add-heading'] form"));
        String pass = Browsers.waitFor(helpdesk)
                .until(ExpectedConditions.presenceOfElementLocated(By.id("pass-value"))).getText().strip();
        Browsers.screenshot(helpdesk, SHOTS + "01-pass-issued");

        // the person's own browser, with a platform authenticator that verifies its user
        person = Browsers.open();
        VirtualAuthenticator authenticator = ((HasVirtualAuthenticator) person).addVirtualAuthenticator(
                new VirtualAuthenticatorOptions()
                        .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                        .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                        .setHasResidentKey(true)
                        .setHasUserVerification(true)
                        .setIsUserVerified(true)
                        .setIsUserConsenting(true));
        person.get(url("/login/tap"));
        person.findElement(By.id("username")).sendKeys(agent.email());
        person.findElement(By.id("pass")).sendKeys(pass);
        submit(person, By.cssSelector("main form"));
        waitForPath(person, "/people/" + agent.id() + "/authentication");
        Browsers.screenshot(person, SHOTS + "02-signed-in-with-pass");
        assertThat(person.findElement(By.tagName("main")).getText()).contains("Passkeys", "You have no passkeys yet.");

        // add a passkey
        person.findElement(By.id("passkey-label")).sendKeys("Work laptop");
        WebElement before = person.findElement(By.tagName("html"));
        person.findElement(By.cssSelector("#passkey-add button[type='submit']")).click();
        Browsers.waitFor(person).until(ExpectedConditions.stalenessOf(before));
        Browsers.waitFor(person).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.passkeys")));
        List<WebElement> rows = person.findElements(By.cssSelector("table.passkeys tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains("Work laptop", "Never");
        assertThat(person.findElement(By.tagName("main")).getText()).contains("The passkey was added.");
        assertThat(authenticator.getCredentials()).hasSize(1);
        assertThat(authenticator.getCredentials().get(0).isResidentCredential()).isTrue();
        Browsers.screenshot(person, SHOTS + "03-passkey-added");

        // sign out, then in with the passkey alone: no email, no password
        submit(person, By.cssSelector("header form.signout"));
        waitForPath(person, "/login");
        Browsers.screenshot(person, SHOTS + "04-signed-out");
        before = person.findElement(By.tagName("html"));
        person.findElement(By.id("passkey-sign-in")).click();
        Browsers.waitFor(person).until(ExpectedConditions.stalenessOf(before));
        Browsers.waitFor(person).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header .who")));
        assertThat(person.findElement(By.cssSelector("header .who")).getText()).isEqualTo(agent.displayName());
        assertThat(path(person)).doesNotStartWith("/login");
        Browsers.screenshot(person, SHOTS + "05-signed-in-with-passkey");

        assertThat(jdbc.sql("""
                        select count(*) from audit_events where type = 'SIGN_IN' and outcome = 'success'
                        and subject_id = :id and details like '%passkey%'""")
                .param("id", agent.id()).query(Long.class).single()).isEqualTo(1);
        person.get(url("/people/" + agent.id() + "/authentication"));
        assertThat(person.findElement(By.cssSelector("table.passkeys tbody tr")).getText()).doesNotContain("Never");
    }

    private static String url(String path) {
        return "http://localhost:" + PORT + path;
    }

    private static String path(WebDriver driver) {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    private static void waitForPath(WebDriver driver, String path) {
        Browsers.waitFor(driver).until(d -> path.equals(path(d)));
    }

    private static void submit(WebDriver driver, By form) {
        WebElement before = driver.findElement(By.tagName("html"));
        driver.findElement(form).findElement(By.cssSelector("button[type='submit']")).click();
        Browsers.waitFor(driver).until(ExpectedConditions.stalenessOf(before));
        Browsers.waitFor(driver).until(d -> "complete".equals(
                ((JavascriptExecutor) d).executeScript("return document.readyState")));
    }
}
