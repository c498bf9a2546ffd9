package org.helpdesk.mfa;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A passkey id that names none of the person's passkeys: a plain 404. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class PasskeyNotFoundException extends RuntimeException {

    public PasskeyNotFoundException() {
        super("No such passkey");
    }
}
