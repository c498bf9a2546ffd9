package org.helpdesk.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.AccountEvents.PasswordChanged;
import org.helpdesk.accounts.InvalidInputException;
import org.helpdesk.accounts.Role;
import org.helpdesk.mfa.AuthenticatorApps;
import org.helpdesk.passes.IssueRequest;
import org.helpdesk.passes.IssuedPass;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.PostgresTest;
import org.helpdesk.system.Times;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** Who is told what (spec 9): the account owner, in words, never the pass; guests never anything. */
abstract class SecurityMailTests extends MailTestSupport {

    static final String PASS_CREATED = "A Temporary Access Pass was created for your account";
    static final String TAP_SIGN_IN = "You signed in with a Temporary Access Pass";
    static final String METHOD_CHANGED = "A sign-in method of your account changed";

    @Autowired
    Times times;
    @Autowired
    AuthenticatorApps apps;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    ApplicationEventPublisher events;

    /** Freezes the test clock on a whole minute, so that the times a mail shows can be predicted. */
    private Instant freezeClock() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        clock.fixAt(now);
        return now;
    }

    @Test
    void passCreatedWhenIssuedThenOwnerIsToldWhenItStartsAndEndsAndNeverThePass() {
        Instant now = freezeClock();
        enableTap();
        Account person = newContact(false);
        IssuedPass pass = issue(person, new IssueRequest(now.plus(Duration.ofHours(2)), 90, true));

        assertThat(sender.sendDue()).isEqualTo(1);

        List<Received> mails = received();
        assertThat(mails).hasSize(1);
        Received mail = mails.get(0);
        assertThat(mail.to()).isEqualTo(person.email());
        assertThat(mail.from()).isEqualTo(properties.from());
        assertThat(mail.subject()).isEqualTo(PASS_CREATED);
        assertThat(mail.body()).contains("Hello " + person.displayName() + ",", person.email(),
                "from " + times.format(now.plus(Duration.ofHours(2))),
                "until " + times.format(now.plus(Duration.ofMinutes(210))), "for one sign-in only",
                "it is never sent by email", "If you did not expect this", "contact your helpdesk");
        assertThat(mail.raw()).contains("Content-Type: text/plain");
        assertNoPassIn(mails, pass);
    }

    @Test
    void signInWithPassWhenAcceptedThenOwnerIsToldAndRefusedAttemptsTellNobody() throws Exception {
        Instant now = freezeClock();
        enableTap();
        Account person = newAgent(Role.AGENT);
        IssuedPass first = issue(person);
        IssuedPass second = issue(person);
        tapSignIn(person.email(), first.value());
        tapSignIn(person.email(), "0000-0000-0000");
        tapSignIn(person.email(), second.value()).andExpect(redirectedUrl("/"));

        sender.sendDue();

        List<Received> mails = receivedBy(person);
        assertThat(mails).extracting(Received::subject).containsExactly(PASS_CREATED, PASS_CREATED, TAP_SIGN_IN);
        assertThat(mails.get(2).body()).contains(person.email(), "with a Temporary Access Pass at " + times.format(now),
                "contact your helpdesk straight away");
        assertThat(received()).hasSize(3);
        assertNoPassIn(received(), first, second);
    }

    @Test
    void passwordWhenSetOrChangedThenOwnerIsToldASignInMethodChangedAndNeverThePassword() {
        Instant now = freezeClock();
        Account person = newAgent(Role.MANAGER);
        String password = "Correct horse battery 9";
        accounts.changeOwnPassword(user(person), null, password);

        sender.sendDue();

        List<Received> mails = received();
        assertThat(mails).singleElement().satisfies(mail -> {
            assertThat(mail.to()).isEqualTo(person.email());
            assertThat(mail.subject()).isEqualTo(METHOD_CHANGED);
            assertThat(mail.body()).contains("The password of your account was set or changed.",
                    "Account: " + person.email(), "When: " + times.format(now))
                    .doesNotContain(password);
            assertThat(mail.raw()).doesNotContain(password);
        });
    }

    @Test
    void authenticatorAppAddedNewCodesAndRemovedThenOwnerIsToldEachAndNeverASecretOrCode() throws Exception {
        freezeClock();
        Account person = newContact(false);
        AddedApp app = addAuthenticatorApp(person);
        apps.check(person.id(), app.recoveryCodes().get(0));
        mvc.perform(post("/profile/authenticator-app/recovery-codes").with(as(person)).with(csrf()));
        mvc.perform(post("/profile/authenticator-app/remove").with(as(person)).with(csrf()));

        assertThat(sender.sendDue()).isEqualTo(3);
        List<Received> mails = receivedBy(person);
        assertThat(mails).extracting(Received::subject).containsOnly(METHOD_CHANGED);
        assertThat(mails).extracting(Received::body).satisfiesExactly(
                body -> assertThat(body).contains("An authenticator app was added to your account."),
                body -> assertThat(body).contains("New recovery codes were made for your account."),
                body -> assertThat(body).contains("The authenticator app of your account was removed."));
        for (Received mail : mails) {
            String everything = mail.body() + mail.raw();
            assertThat(everything).doesNotContain(app.secret());
            app.recoveryCodes().forEach(code -> assertThat(everything).doesNotContain(code));
        }
    }

    @Test
    void guestWhenPassesAreCreatedUsedReplacedAndDeletedThenNoMailAtAll() throws Exception {
        enableTap();
        Account guest = newContact(true);
        Account admin = newAdmin();
        IssuedPass first = issue(guest, new IssueRequest(null, 60, true));
        tapSignIn(guest.email(), first.value()).andExpect(redirectedUrl("/"));
        IssuedPass second = issue(guest);
        tapSignIn(guest.email(), second.value()).andExpect(redirectedUrl("/"));
        tapSignIn(guest.email(), second.value()).andExpect(redirectedUrl("/"));
        passes.delete(guest.id(), second.passId(), user(admin));
        IssuedPass third = issue(guest);
        passes.delete(guest.id(), third.passId(), user(admin));
        assertThatThrownBy(() -> accounts.changeOwnPassword(user(guest), null, "a guest has no password"))
                .isInstanceOf(InvalidInputException.class);

        assertThat(outboxRows(guest)).isEmpty();
        assertThat(sender.sendDue()).isZero();
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void setupPassWhenIssuedAndUsedThenNoMail() throws Exception {
        Account admin = newAdmin();
        IssuedPass setup = passes.issueSetupPass(admin.id(), Duration.ofMinutes(60));
        tapSignIn(admin.email(), setup.value()).andExpect(redirectedUrl("/"));

        assertThat(outboxRows(admin)).isEmpty();
        assertThat(sender.sendDue()).isZero();
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void disabledAccountGetsNoNewMailButOneWrittenWhileItWasActiveIsStillSent() {
        enableTap();
        Account person = newContact(false);
        issue(person);
        accounts.setActive(person.id(), false, user(newAdmin()));
        transactions.executeWithoutResult(status -> events.publishEvent(new PasswordChanged(person.id())));

        sender.sendDue();

        assertThat(receivedBy(person)).extracting(Received::subject).containsExactly(PASS_CREATED);
    }

    @Test
    void changeWhenRolledBackThenNoMail() {
        enableTap();
        Account person = newContact(false);
        Account admin = newAdmin();
        transactions.executeWithoutResult(status -> {
            passes.issue(person.id(), new IssueRequest(null, null, false), user(admin));
            status.setRollbackOnly();
        });
        assertThat(outboxRows(person)).isEmpty();
        assertThat(sender.sendDue()).isZero();

        passes.issue(person.id(), new IssueRequest(null, null, false), user(admin));
        assertThat(outboxRows(person)).hasSize(1);
        assertThat(sender.sendDue()).isEqualTo(1);
        assertThat(received()).hasSize(1);
    }
}

@H2Test
@TestPropertySource(properties = MailTestSupport.H2_DATABASE)
class SecurityMailH2Tests extends SecurityMailTests {
}

@PostgresTest
class SecurityMailPostgresTests extends SecurityMailTests {
}
