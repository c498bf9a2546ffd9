package org.helpdesk.accounts;

import java.util.Locale;

public enum AccountKind {
    AGENT, CONTACT;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static AccountKind fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
