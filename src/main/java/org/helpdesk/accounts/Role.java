package org.helpdesk.accounts;

import java.util.Locale;

/** The role of an agent; contacts have none. */
public enum Role {
    ADMIN, MANAGER, AGENT;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Role fromDb(String value) {
        return value == null ? null : valueOf(value.toUpperCase(Locale.ROOT));
    }
}
