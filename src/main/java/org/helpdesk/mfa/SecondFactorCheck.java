package org.helpdesk.mfa;

/** The outcome of checking what a person typed at the second step of a sign-in. */
public enum SecondFactorCheck {
    /** A code of the authenticator app, not used before. */
    APP_CODE,
    /** One of the recovery codes, now spent. */
    RECOVERY_CODE,
    /** Neither: wrong, already used, or the person has no authenticator app. */
    REFUSED;

    public boolean accepted() {
        return this != REFUSED;
    }
}
