package org.helpdesk.apitokens;

import java.time.Instant;

/** A token just made, with its value: shown once to its owner and never kept. {@link #toString()} leaves it out. */
public record NewApiToken(long id, String name, String value, String shown, Instant createdAt) {

    @Override
    public String toString() {
        return "NewApiToken[id=" + id + ", name=" + name + "]";
    }
}
