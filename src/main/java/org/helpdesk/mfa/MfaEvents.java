package org.helpdesk.mfa;

/** What happens to a person's second factors, for the event log and the mails. No event carries a secret. */
public final class MfaEvents {

    private MfaEvents() {
    }

    public record AuthenticatorAppAdded(long accountId) {
    }

    public record AuthenticatorAppRemoved(long accountId) {
    }

    /** New recovery codes in place of any old ones; {@code withNewApp} when they came with an app just added. */
    public record RecoveryCodesCreated(long accountId, int count, boolean withNewApp) {
    }

    /** A recovery code spent at sign-in; {@code left} unused codes remain. */
    public record RecoveryCodeUsed(long accountId, int left) {
    }
}
