package org.helpdesk.apitokens;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A token id that is not one of the person's own tokens: a plain 404. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class ApiTokenNotFoundException extends RuntimeException {

    public ApiTokenNotFoundException() {
        super("No such API token");
    }
}
