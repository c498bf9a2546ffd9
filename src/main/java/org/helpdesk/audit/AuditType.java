package org.helpdesk.audit;

/** The kinds of event the log records (spec 8). */
public enum AuditType {
    SIGN_IN,
    SIGN_IN_THROTTLED,
    SIGN_OUT,
    POLICY_CHANGED,
    PASS_CREATED,
    PASS_REPLACED,
    PASS_DELETED,
    PASS_REVOKED,
    PASSES_PURGED,
    ACCOUNT_CREATED,
    ACCOUNT_DISABLED,
    ACCOUNT_ENABLED,
    SESSIONS_ENDED,
    PASSWORD_CHANGED
}
