package org.helpdesk.notifications;

import java.time.Clock;
import java.util.Optional;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.AccountEvents.PasswordChanged;
import org.helpdesk.accounts.Accounts;
import org.helpdesk.mfa.MfaEvents.AuthenticatorAppAdded;
import org.helpdesk.mfa.MfaEvents.AuthenticatorAppRemoved;
import org.helpdesk.mfa.MfaEvents.RecoveryCodesCreated;
import org.helpdesk.mfa.PasskeyEvents.PasskeyAdded;
import org.helpdesk.mfa.PasskeyEvents.PasskeyRemoved;
import org.helpdesk.passes.PassEvents.PassIssued;
import org.helpdesk.passes.PassEvents.PassSignInChecked;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Decides who is told what, and puts the mail in the outbox. Listeners run synchronously, inside the transaction
 * of the change they tell about: if the change rolls back, so does its mail. Sending happens later and elsewhere
 * ({@link OutboxSender}), so a mail server can never fail or slow down the change.
 * <p>
 * Nobody but the account's owner gets a mail, and never: a guest (spec 6), a disabled account (it cannot sign
 * in and no pass can be made for it), or anyone for a setup pass (spec 2): that pass is made for an address
 * taken from configuration, possibly no real mailbox, and printed to the console of the operator who asked for it.
 */
@Component
class NotificationListeners {

    private final Accounts accounts;
    private final MailTexts texts;
    private final Outbox outbox;
    private final Clock clock;

    NotificationListeners(Accounts accounts, MailTexts texts, Outbox outbox, Clock clock) {
        this.accounts = accounts;
        this.texts = texts;
        this.outbox = outbox;
        this.clock = clock;
    }

    @EventListener
    void on(PassIssued e) {
        if (!e.setup()) {
            owner(e.accountId()).ifPresent(a -> queue(a,
                    texts.passCreated(a, e.startsAt(), e.endsAt(), e.usableOnce())));
        }
    }

    @EventListener
    void on(PassSignInChecked e) {
        // the account as the sign-in read it, in this same transaction: no need to read it again
        if (e.accepted() && !e.setupPass() && e.account() != null && mayBeTold(e.account())) {
            queue(e.account(), texts.tapSignIn(e.account(), clock.instant()));
        }
    }

    @EventListener
    void on(PasswordChanged e) {
        owner(e.accountId()).ifPresent(a -> queue(a, texts.methodChanged(a, MethodChange.PASSWORD_CHANGED,
                clock.instant())));
    }

    @EventListener
    void on(AuthenticatorAppAdded e) {
        methodChanged(e.accountId(), MethodChange.AUTHENTICATOR_APP_ADDED);
    }

    @EventListener
    void on(AuthenticatorAppRemoved e) {
        methodChanged(e.accountId(), MethodChange.AUTHENTICATOR_APP_REMOVED);
    }

    /** Codes that came with an app just added are told in that app's mail. */
    @EventListener
    void on(RecoveryCodesCreated e) {
        if (!e.withNewApp()) {
            methodChanged(e.accountId(), MethodChange.RECOVERY_CODES_CREATED);
        }
    }

    private void methodChanged(long accountId, MethodChange change) {
        owner(accountId).ifPresent(a -> queue(a, texts.methodChanged(a, change, clock.instant())));
    }

    @EventListener
    void on(PasskeyAdded e) {
        methodChanged(e.accountId(), MethodChange.PASSKEY_ADDED);
    }

    @EventListener
    void on(PasskeyRemoved e) {
        methodChanged(e.accountId(), MethodChange.PASSKEY_REMOVED);
    }

    private Optional<Account> owner(long accountId) {
        return accounts.find(accountId).filter(NotificationListeners::mayBeTold);
    }

    private static boolean mayBeTold(Account account) {
        return !account.guest() && account.active();
    }

    private void queue(Account to, OutgoingMail mail) {
        outbox.add(to.id(), mail, clock.instant());
    }
}
