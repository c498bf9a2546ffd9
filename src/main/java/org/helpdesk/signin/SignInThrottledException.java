package org.helpdesk.signin;

import org.springframework.security.core.AuthenticationException;

/** An attempt refused by throttling; the person is told when to try again. */
class SignInThrottledException extends AuthenticationException {

    private final long retryAfterSeconds;

    SignInThrottledException(long retryAfterSeconds) {
        super("Too many sign-in attempts");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
