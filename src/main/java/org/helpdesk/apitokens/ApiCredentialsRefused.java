package org.helpdesk.apitokens;

import java.io.Serial;

import org.springframework.security.core.AuthenticationException;

/** Credentials the API does not take: anything but {@code Authorization: Bearer <API token>}, or a bad token. */
final class ApiCredentialsRefused extends AuthenticationException {

    @Serial
    private static final long serialVersionUID = 1L;

    enum Kind { OTHER_SCHEME, INVALID_TOKEN }

    private final Kind kind;

    ApiCredentialsRefused(Kind kind) {
        super(kind.name());
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }
}
