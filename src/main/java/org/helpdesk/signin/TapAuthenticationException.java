package org.helpdesk.signin;

import org.helpdesk.passes.PassCheck;
import org.springframework.security.authentication.BadCredentialsException;

/** A refused pass sign-in, carrying the precise reason for the log and the page. */
class TapAuthenticationException extends BadCredentialsException {

    private final PassCheck.Reason reason;

    TapAuthenticationException(PassCheck.Reason reason) {
        super("Temporary Access Pass sign-in refused");
        this.reason = reason;
    }

    PassCheck.Reason reason() {
        return reason;
    }
}
