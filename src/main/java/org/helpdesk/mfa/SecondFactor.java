package org.helpdesk.mfa;

/**
 * One kind of second factor a person can register (an authenticator app, a passkey). The "require 2FA for
 * agents" rule asks every kind whether the person has one.
 */
public interface SecondFactor {

    boolean isRegisteredFor(long accountId);
}
