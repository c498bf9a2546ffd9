package org.helpdesk.signin;

import org.helpdesk.accounts.SignInMethod;

/** What happens at sign-in, for the event log. The typed username is never carried: it may hold a secret. */
public final class SignInEvents {

    private SignInEvents() {
    }

    /** A password sign-in and its outcome; pass sign-ins are reported by the passes module. */
    public record PasswordSignInAttempted(Long accountId, boolean succeeded, String reason) {
    }

    /** A passkey sign-in and its outcome; {@code accountId} is null when the passkey names no account. */
    public record PasskeySignInAttempted(Long accountId, boolean succeeded, String reason) {
    }

    /** An attempt refused by throttling before any credential was looked at. */
    public record SignInThrottled(SignInMethod method, Long accountId, String scope, long retryAfterSeconds) {
    }

    /** The live pass revoked after too many consecutive failures. */
    public record PassRevokedByThrottling(long accountId, long passId, int consecutiveFailures) {
    }

    /**
     * The second step of a sign-in whose first step was right: succeeded with {@code factor} ("authenticator_app",
     * "recovery_code"), or refused for {@code reason}.
     */
    public record SecondStepChecked(long accountId, SignInMethod method, boolean succeeded, String reason,
                                    String factor) {
    }

    public record SignedOut(long accountId, SignInMethod method) {
    }

    /**
     * A single sign-on attempt and its outcome: the provider's id, the account when one was found, the precise
     * reason of a refusal and, when the provider or the protocol failed, the OAuth 2.0 error code. Never a token.
     */
    public record SingleSignOnAttempted(String provider, Long accountId, boolean succeeded, String reason,
                                        String providerError) {
    }

    public record SingleSignOnSettingsChanged(long actorId, String provider, SingleSignOnSetting before,
                                              SingleSignOnSetting after) {
    }
}
