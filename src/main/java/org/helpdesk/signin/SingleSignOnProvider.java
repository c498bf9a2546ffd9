package org.helpdesk.signin;

import java.util.Arrays;
import java.util.Optional;

/** The OpenID Connect providers a person can sign in with. The id is the registration id in every URL. */
enum SingleSignOnProvider {

    GOOGLE("google"),
    MICROSOFT("microsoft");

    private final String id;

    SingleSignOnProvider(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    static Optional<SingleSignOnProvider> byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }
}
