package org.helpdesk.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.helpdesk.accounts.AccountEvents.AccountCreated;
import org.helpdesk.accounts.AccountEvents.AccountRenamed;
import org.helpdesk.accounts.AccountEvents.AccountStateChanged;
import org.helpdesk.accounts.AccountEvents.PasswordChanged;
import org.helpdesk.accounts.AccountEvents.SecuritySettingsChanged;
import org.helpdesk.accounts.AccountEvents.SessionsEnded;
import org.helpdesk.apitokens.ApiTokenEvents.ApiTokenCreated;
import org.helpdesk.apitokens.ApiTokenEvents.ApiTokenRefused;
import org.helpdesk.apitokens.ApiTokenEvents.ApiTokenRevoked;
import org.helpdesk.mfa.MfaEvents.AuthenticatorAppAdded;
import org.helpdesk.mfa.MfaEvents.AuthenticatorAppRemoved;
import org.helpdesk.mfa.MfaEvents.RecoveryCodeUsed;
import org.helpdesk.mfa.MfaEvents.RecoveryCodesCreated;
import org.helpdesk.mfa.PasskeyEvents.PasskeyAdded;
import org.helpdesk.mfa.PasskeyEvents.PasskeyRemoved;
import org.helpdesk.passes.PassEvents.PassBatchIssued;
import org.helpdesk.passes.PassEvents.PassDeleted;
import org.helpdesk.passes.PassEvents.PassIssued;
import org.helpdesk.passes.PassEvents.PassSignInChecked;
import org.helpdesk.passes.PassEvents.PassesPurged;
import org.helpdesk.passes.PassEvents.PolicyChanged;
import org.helpdesk.signin.SignInEvents.PassRevokedByThrottling;
import org.helpdesk.signin.SignInEvents.PasskeySignInAttempted;
import org.helpdesk.signin.SignInEvents.PasswordSignInAttempted;
import org.helpdesk.signin.SignInEvents.SecondStepChecked;
import org.helpdesk.signin.SignInEvents.SignInThrottled;
import org.helpdesk.signin.SignInEvents.SignedOut;
import org.helpdesk.signin.SignInEvents.SingleSignOnAttempted;
import org.helpdesk.signin.SignInEvents.SingleSignOnSettingsChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns the other modules' events into event-log entries. Listeners run synchronously, inside the transaction
 * of the change they describe: if the change rolls back, so does its entry, and no change commits without one.
 */
@Component
class AuditListeners {

    private static final String SUCCESS = "success";
    private static final String FAILURE = "failure";

    private final AuditLog log;

    AuditListeners(AuditLog log) {
        this.log = log;
    }

    @EventListener
    void on(AccountCreated e) {
        log.record(AuditType.ACCOUNT_CREATED, SUCCESS, null, e.actorId(), e.accountId(), details(
                "kind", e.kind().dbValue(), "role", e.role() == null ? null : e.role().dbValue(), "guest", e.guest()));
    }

    @EventListener
    void on(AccountStateChanged e) {
        log.record(e.active() ? AuditType.ACCOUNT_ENABLED : AuditType.ACCOUNT_DISABLED, SUCCESS, null, e.actorId(),
                e.accountId(), null);
    }

    @EventListener
    void on(AccountRenamed e) {
        log.record(AuditType.ACCOUNT_UPDATED, SUCCESS, null, e.actorId(), e.accountId(),
                details("displayName", details("before", e.before(), "after", e.after())));
    }

    @EventListener
    void on(PasswordChanged e) {
        log.record(AuditType.PASSWORD_CHANGED, SUCCESS, null, e.accountId(), e.accountId(), details("method", "password"));
    }

    @EventListener
    void on(SessionsEnded e) {
        log.record(AuditType.SESSIONS_ENDED, SUCCESS, null, e.actorId(), e.accountId(),
                e.othersOnly() ? details("kept", "the session that asked") : null);
    }

    @EventListener
    void on(PolicyChanged e) {
        log.record(AuditType.POLICY_CHANGED, SUCCESS, null, e.actorId(), null, details("before", e.before(), "after", e.after()));
    }

    @EventListener
    void on(SecuritySettingsChanged e) {
        log.record(AuditType.SECURITY_SETTINGS_CHANGED, SUCCESS, null, e.actorId(), null,
                details("before", e.before(), "after", e.after()));
    }

    @EventListener
    void on(PassIssued e) {
        log.record(AuditType.PASS_CREATED, SUCCESS, e.setup() ? "SETUP_PASS" : null, e.actorId(), e.accountId(),
                details("passId", e.passId(), "startDateTime", e.startsAt().toString(), "endDateTime",
                        e.endsAt().toString(), "isUsableOnce", e.usableOnce()));
        if (e.replacedPassId() != null) {
            log.record(AuditType.PASS_REPLACED, SUCCESS, null, e.actorId(), e.accountId(),
                    details("passId", e.replacedPassId(), "replacedBy", e.passId()));
        }
    }

    @EventListener
    void on(PassBatchIssued e) {
        log.record(AuditType.PASS_BATCH_CREATED, SUCCESS, null, e.actorId(), null, details("count", e.count()));
    }

    @EventListener
    void on(PassDeleted e) {
        log.record(AuditType.PASS_DELETED, SUCCESS, null, e.actorId(), e.accountId(), details("passId", e.passId()));
    }

    @EventListener
    void on(PassesPurged e) {
        log.record(AuditType.PASSES_PURGED, SUCCESS, null, null, null,
                details("count", e.count(), "endedBefore", e.endedBefore().toString()));
    }

    @EventListener
    void on(PassSignInChecked e) {
        log.record(AuditType.SIGN_IN, e.accepted() ? SUCCESS : FAILURE, e.reason() == null ? null : e.reason().name(),
                e.accountId(), e.accountId(), details("method", "tap", "passId", e.passId()));
    }

    @EventListener
    void on(PasswordSignInAttempted e) {
        log.record(AuditType.SIGN_IN, e.succeeded() ? SUCCESS : FAILURE, e.reason(), e.accountId(), e.accountId(),
                details("method", "password"));
    }

    @EventListener
    void on(PasskeySignInAttempted e) {
        log.record(AuditType.SIGN_IN, e.succeeded() ? SUCCESS : FAILURE, e.reason(), e.accountId(), e.accountId(),
                details("method", "passkey"));
    }

    @EventListener
    void on(PasskeyAdded e) {
        log.record(AuditType.PASSKEY_ADDED, SUCCESS, null, e.accountId(), e.accountId(), details("label", e.label()));
    }

    @EventListener
    void on(PasskeyRemoved e) {
        log.record(AuditType.PASSKEY_REMOVED, SUCCESS, null, e.actorId(), e.accountId(), details("label", e.label()));
    }

    @EventListener
    void on(SignInThrottled e) {
        log.record(AuditType.SIGN_IN_THROTTLED, FAILURE, "THROTTLED_" + e.scope().toUpperCase(java.util.Locale.ROOT),
                e.accountId(), e.accountId(), details("method", e.method().name().toLowerCase(java.util.Locale.ROOT),
                        "retryAfterSeconds", e.retryAfterSeconds()));
    }

    @EventListener
    void on(PassRevokedByThrottling e) {
        log.record(AuditType.PASS_REVOKED, SUCCESS, "TOO_MANY_FAILURES", null, e.accountId(),
                details("passId", e.passId(), "consecutiveFailures", e.consecutiveFailures()));
    }

    @EventListener
    void on(SignedOut e) {
        log.record(AuditType.SIGN_OUT, SUCCESS, null, e.accountId(), e.accountId(),
                details("method", e.method().name().toLowerCase(java.util.Locale.ROOT)));
    }

    @EventListener
    void on(SingleSignOnAttempted e) {
        log.record(AuditType.SIGN_IN, e.succeeded() ? SUCCESS : FAILURE, e.reason(), e.accountId(), e.accountId(),
                details("method", "sso", "provider", e.provider(), "providerError", e.providerError()));
    }

    @EventListener
    void on(SingleSignOnSettingsChanged e) {
        log.record(AuditType.SSO_SETTINGS_CHANGED, SUCCESS, null, e.actorId(), null,
                details("provider", e.provider(), "before", e.before(), "after", e.after()));
    }

    @EventListener
    void on(ApiTokenCreated e) {
        log.record(AuditType.API_TOKEN_CREATED, SUCCESS, null, e.accountId(), e.accountId(),
                details("tokenId", e.tokenId(), "name", e.name()));
    }

    @EventListener
    void on(ApiTokenRevoked e) {
        log.record(AuditType.API_TOKEN_REVOKED, SUCCESS, null, e.actorId(), e.accountId(),
                details("tokenId", e.tokenId(), "name", e.name()));
    }

    /** A refused API call is an authentication decision like a refused sign-in; accepted calls are too many to log. */
    @EventListener
    void on(ApiTokenRefused e) {
        log.record(AuditType.SIGN_IN, FAILURE, e.reason(), e.accountId(), e.accountId(),
                details("method", "api_token", "tokenId", e.tokenId()));
    }

    @EventListener
    void on(SecondStepChecked e) {
        log.record(AuditType.SIGN_IN, e.succeeded() ? SUCCESS : FAILURE, e.reason(), e.accountId(), e.accountId(),
                details("method", e.method().name().toLowerCase(java.util.Locale.ROOT), "secondFactor", e.factor()));
    }

    @EventListener
    void on(AuthenticatorAppAdded e) {
        log.record(AuditType.AUTHENTICATOR_APP_ADDED, SUCCESS, null, e.accountId(), e.accountId(), null);
    }

    @EventListener
    void on(AuthenticatorAppRemoved e) {
        log.record(AuditType.AUTHENTICATOR_APP_REMOVED, SUCCESS, null, e.accountId(), e.accountId(), null);
    }

    @EventListener
    void on(RecoveryCodesCreated e) {
        log.record(AuditType.RECOVERY_CODES_CREATED, SUCCESS, null, e.accountId(), e.accountId(),
                details("count", e.count()));
    }

    @EventListener
    void on(RecoveryCodeUsed e) {
        log.record(AuditType.RECOVERY_CODE_USED, SUCCESS, null, e.accountId(), e.accountId(), details("left", e.left()));
    }

    /** Pairs of name and value, in order, leaving out nulls. */
    private static Map<String, Object> details(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                map.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return map;
    }
}
