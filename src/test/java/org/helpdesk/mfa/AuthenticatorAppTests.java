package org.helpdesk.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Role;
import org.helpdesk.passes.IssueRequest;
import org.helpdesk.passes.IssuedPass;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpSession;

/**
 * Adding, using and removing an authenticator app (RFC 6238) and its recovery codes from one's own profile: the
 * secret shown as a QR code and as text, confirmed with a code, stored encrypted; codes accepted once and within
 * one step of now; recovery codes shown once, stored only as slow hashes, spent once; guests refused.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class AuthenticatorAppTests extends IntegrationTestSupport {

    private static final String PAGE = "/profile/authenticator-app";
    private static final Instant NOW = Instant.parse("2026-06-01T10:00:05Z");

    @Autowired
    AuthenticatorApps apps;

    private String tab(Account person) {
        return "/people/" + person.id() + "/authentication";
    }

    private long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 30);
    }

    private List<String> auditTypes(Account person) {
        return jdbc.sql("select type from audit_events where subject_id = :id order by id")
                .param("id", person.id()).query(String.class).list();
    }

    @Test
    void addingAnAppShowsQrCodeAndSecretThenAWrongCodeIsRefusedAndTheRightOneAddsIt() throws Exception {
        clock.fixAt(NOW);
        Account contact = newContact(false);
        mvc.perform(get(tab(contact)).with(as(contact))).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"add-authenticator-app\"")));
        String page = mvc.perform(get(PAGE).with(as(contact))).andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(content().string(containsString("src=\"data:image/svg+xml;base64,")))
                .andReturn().getResponse().getContentAsString();
        String secret = secretShownOn(page);
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(page).contains(secret.substring(0, 4) + " " + secret.substring(4, 8) + " ");
        assertThat(mvc.perform(get(PAGE).with(as(contact))).andReturn().getResponse().getContentAsString())
                .as("reloading the page keeps the secret").contains(secret.substring(0, 4) + " " + secret.substring(4, 8));

        String wrong = String.format("%06d", (Integer.parseInt(totpCode(secret, NOW)) + 1) % 1_000_000);
        mvc.perform(post(PAGE + "/confirm").with(as(contact)).with(csrf()).param("code", wrong))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("id=\"code-error\"")))
                .andExpect(content().string(containsString("aria-describedby=\"code-hint code-error\"")));
        assertThat(apps.isRegisteredFor(contact.id())).isFalse();

        String shown = mvc.perform(post(PAGE + "/confirm").with(as(contact)).with(csrf())
                        .param("code", totpCode(secret, NOW)))
                .andExpect(status().isOk()).andExpect(header().string("Cache-Control", "no-store"))
                .andReturn().getResponse().getContentAsString();
        List<String> codes = recoveryCodesShownOn(shown);
        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        assertThat(apps.isRegisteredFor(contact.id())).isTrue();
        assertThat(apps.statusOf(contact.id()).recoveryCodesLeft()).isEqualTo(10);
        assertThat(auditTypes(contact)).containsSubsequence("AUTHENTICATOR_APP_ADDED", "RECOVERY_CODES_CREATED");

        String stored = jdbc.sql("select secret from authenticator_apps where account_id = :id")
                .param("id", contact.id()).query(String.class).single();
        assertThat(stored).startsWith("aes256gcm$").doesNotContain(secret);
        mvc.perform(get(tab(contact)).with(as(contact)))
                .andExpect(content().string(containsString("10 recovery codes left")))
                .andExpect(content().string(not(containsString("id=\"add-authenticator-app\""))));
    }

    @Test
    void recoveryCodesAreShownOnceAndNeverAgain() throws Exception {
        Account agent = newAgent(Role.AGENT);
        AddedApp app = addAuthenticatorApp(agent);
        assertThat(app.recoveryCodes()).hasSize(10);
        String tabPage = mvc.perform(get(tab(agent)).with(as(agent))).andReturn().getResponse().getContentAsString();
        mvc.perform(get(PAGE).with(as(agent))).andExpect(redirectedUrl(tab(agent)))
                .andExpect(flash().attribute("problem", "authenticatorApp.alreadyAdded"));
        String verifiers = String.join(" ", jdbc.sql("select verifier from recovery_codes where account_id = :id")
                .param("id", agent.id()).query(String.class).list());
        for (String code : app.recoveryCodes()) {
            assertThat(tabPage).doesNotContain(code);
            assertThat(verifiers).doesNotContain(code).doesNotContain(code.replace("-", ""));
        }
        assertThat(verifiers).startsWith("pbkdf2-sha256$");
    }

    @Test
    void aCodeIsAcceptedWithinOneStepOfNowAndOnlyOnce() throws Exception {
        clock.fixAt(NOW);
        Account contact = newContact(false);
        String secret = addAuthenticatorApp(contact).secret();
        clock.fixAt(NOW.plus(Duration.ofMinutes(5)));
        long now = step(clock.instant());
        assertThat(apps.check(contact.id(), totpCodeOfStep(secret, now - 2))).isEqualTo(SecondFactorCheck.REFUSED);
        assertThat(apps.check(contact.id(), totpCodeOfStep(secret, now + 2))).isEqualTo(SecondFactorCheck.REFUSED);
        assertThat(apps.check(contact.id(), totpCodeOfStep(secret, now - 1))).isEqualTo(SecondFactorCheck.APP_CODE);
        assertThat(apps.check(contact.id(), totpCodeOfStep(secret, now - 1))).as("replayed")
                .isEqualTo(SecondFactorCheck.REFUSED);
        assertThat(apps.check(contact.id(), " " + totpCodeOfStep(secret, now).substring(0, 3) + "-"
                + totpCodeOfStep(secret, now).substring(3) + " ")).isEqualTo(SecondFactorCheck.APP_CODE);
        assertThat(apps.check(contact.id(), totpCodeOfStep(secret, now + 1))).isEqualTo(SecondFactorCheck.APP_CODE);
        assertThat(apps.check(contact.id(), totpCodeOfStep(secret, now + 1))).isEqualTo(SecondFactorCheck.REFUSED);
        assertThat(apps.check(contact.id(), totpCodeOfStep(secret, now))).as("an older step after a newer one")
                .isEqualTo(SecondFactorCheck.REFUSED);
    }

    @Test
    void theCodeThatConfirmedTheAppCannotBeUsedAgain() throws Exception {
        clock.fixAt(NOW);
        Account contact = newContact(false);
        String secret = addAuthenticatorApp(contact).secret();
        assertThat(apps.check(contact.id(), totpCode(secret, NOW))).isEqualTo(SecondFactorCheck.REFUSED);
        clock.fixAt(NOW.plusSeconds(30));
        assertThat(apps.check(contact.id(), totpCode(secret, clock.instant()))).isEqualTo(SecondFactorCheck.APP_CODE);
    }

    @Test
    void aRecoveryCodeIsAcceptedOnceWhateverItsSpacesHyphensAndCase() throws Exception {
        Account contact = newContact(false);
        List<String> codes = addAuthenticatorApp(contact).recoveryCodes();
        String typed = "  " + codes.get(3).toLowerCase().replace("-", " ") + " ";
        assertThat(apps.check(contact.id(), typed)).isEqualTo(SecondFactorCheck.RECOVERY_CODE);
        assertThat(apps.check(contact.id(), codes.get(3))).isEqualTo(SecondFactorCheck.REFUSED);
        assertThat(apps.check(contact.id(), codes.get(4).replace("-", ""))).isEqualTo(SecondFactorCheck.RECOVERY_CODE);
        assertThat(apps.statusOf(contact.id()).recoveryCodesLeft()).isEqualTo(8);
        assertThat(auditTypes(contact)).containsSubsequence("RECOVERY_CODE_USED", "RECOVERY_CODE_USED");
        mvc.perform(get(tab(contact)).with(as(contact))).andExpect(content().string(containsString("8 recovery codes left")));
    }

    @Test
    void newRecoveryCodesReplaceAllTheOldOnes() throws Exception {
        Account contact = newContact(false);
        List<String> old = addAuthenticatorApp(contact).recoveryCodes();
        apps.check(contact.id(), old.get(0));
        String shown = mvc.perform(post(PAGE + "/recovery-codes").with(as(contact)).with(csrf()))
                .andExpect(status().isOk()).andExpect(header().string("Cache-Control", "no-store"))
                .andReturn().getResponse().getContentAsString();
        List<String> fresh = recoveryCodesShownOn(shown);
        assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(old);
        assertThat(apps.check(contact.id(), old.get(1))).isEqualTo(SecondFactorCheck.REFUSED);
        assertThat(apps.check(contact.id(), fresh.get(0))).isEqualTo(SecondFactorCheck.RECOVERY_CODE);
        assertThat(auditTypes(contact)).endsWith("RECOVERY_CODES_CREATED", "RECOVERY_CODE_USED");
    }

    @Test
    void newRecoveryCodesWithoutAnAppAreRefused() throws Exception {
        Account contact = newContact(false);
        mvc.perform(post(PAGE + "/recovery-codes").with(as(contact)).with(csrf()))
                .andExpect(redirectedUrl(tab(contact))).andExpect(flash().attribute("problem", "recoveryCodes.noApp"));
        assertThat(jdbc.sql("select count(*) from recovery_codes where account_id = :id").param("id", contact.id())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void removingTheAppDeletesItAndItsRecoveryCodes() throws Exception {
        Account contact = newContact(false);
        List<String> codes = addAuthenticatorApp(contact).recoveryCodes();
        mvc.perform(post(PAGE + "/remove").with(as(contact)).with(csrf()))
                .andExpect(redirectedUrl(tab(contact))).andExpect(flash().attribute("notice", "authenticatorApp.removed"));
        assertThat(apps.isRegisteredFor(contact.id())).isFalse();
        assertThat(apps.check(contact.id(), codes.get(0))).isEqualTo(SecondFactorCheck.REFUSED);
        assertThat(jdbc.sql("select count(*) from recovery_codes where account_id = :id").param("id", contact.id())
                .query(Integer.class).single()).isZero();
        assertThat(auditTypes(contact)).endsWith("AUTHENTICATOR_APP_REMOVED");
        mvc.perform(post(PAGE + "/remove").with(as(contact)).with(csrf()))
                .andExpect(flash().attribute("notice", "authenticatorApp.none"));
        assertThat(auditTypes(contact)).endsWith("AUTHENTICATOR_APP_REMOVED");
        assertThat(auditTypes(contact).stream().filter("AUTHENTICATOR_APP_REMOVED"::equals)).hasSize(1);
        assertThat(addAuthenticatorApp(contact).recoveryCodes()).as("a new app can be added").hasSize(10);
    }

    @Test
    void guestsAreRefusedThePageAndEveryAction() throws Exception {
        Account guest = newContact(true);
        mvc.perform(get(tab(guest)).with(as(guest))).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("authenticator-app-heading"))));
        mvc.perform(get(PAGE).with(as(guest))).andExpect(status().isForbidden());
        for (String action : List.of("/confirm", "/remove", "/recovery-codes")) {
            mvc.perform(post(PAGE + action).with(as(guest)).with(csrf()).param("code", "123456"))
                    .andExpect(status().isForbidden());
        }
        assertThat(jdbc.sql("select count(*) from authenticator_apps where account_id = :id").param("id", guest.id())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void anotherPersonsTabDoesNotShowTheirApp() throws Exception {
        Account admin = newAdmin();
        Account contact = newContact(false);
        addAuthenticatorApp(contact);
        mvc.perform(get(tab(contact)).with(as(admin))).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("authenticator-app-heading"))));
    }

    @Test
    void aSessionMadeWithAOneTimePassCanAddAnApp() throws Exception {
        enableTap();
        Account contact = newContact(false);
        IssuedPass pass = issue(contact, new IssueRequest(null, null, true));
        MockHttpSession session = (MockHttpSession) tapSignIn(contact.email(), pass.value())
                .andExpect(redirectedUrl("/")).andReturn().getRequest().getSession();
        AddedApp app = addAuthenticatorApp(request -> {
            request.setSession(session);
            return request;
        });
        assertThat(app.recoveryCodes()).hasSize(10);
        assertThat(apps.isRegisteredFor(contact.id())).isTrue();
    }

    @Test
    void aPendingSecretEndsAfterHalfAnHour() throws Exception {
        clock.fixAt(NOW);
        Account contact = newContact(false);
        String secret = secretShownOn(mvc.perform(get(PAGE).with(as(contact))).andReturn().getResponse()
                .getContentAsString());
        clock.fixAt(NOW.plus(Duration.ofMinutes(31)));
        String page = mvc.perform(post(PAGE + "/confirm").with(as(contact)).with(csrf())
                        .param("code", totpCode(secret, clock.instant())))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(secretShownOn(page)).as("a new secret is shown").isNotEqualTo(secret);
        assertThat(apps.isRegisteredFor(contact.id())).isFalse();
    }

    @Test
    void noSecretCodeOrRecoveryCodeReachesTheLogOutputOrTheEventLog(CapturedOutput output) throws Exception {
        clock.fixAt(NOW);
        Account contact = newContact(false);
        AddedApp app = addAuthenticatorApp(contact);
        clock.fixAt(NOW.plusSeconds(60));
        String code = totpCode(app.secret(), clock.instant());
        apps.check(contact.id(), code);
        apps.check(contact.id(), app.recoveryCodes().get(0));
        mvc.perform(post(PAGE + "/recovery-codes").with(as(contact)).with(csrf()));
        String events = jdbc.sql("select * from audit_events where subject_id = :id").param("id", contact.id())
                .query().listOfRows().toString();
        String outbox = jdbc.sql("select * from notification_outbox where account_id = :id").param("id", contact.id())
                .query().listOfRows().toString();
        for (String text : List.of(output.getAll(), events, outbox)) {
            assertThat(text).doesNotContain(app.secret()).doesNotContain(TotpCodes.grouped(app.secret()));
            for (String recovery : app.recoveryCodes()) {
                assertThat(text).doesNotContain(recovery).doesNotContain(recovery.replace("-", ""));
            }
        }
        assertThat(events).doesNotContain(code);
    }
}

@H2Test
class AuthenticatorAppH2Tests extends AuthenticatorAppTests {
}

@PostgresTest
class AuthenticatorAppPostgresTests extends AuthenticatorAppTests {
}
