package org.helpdesk.accounts;

import java.time.Instant;

/** A person who can sign in. Never carries a secret: whether a password is set is all it tells. */
public record Account(long id, String email, String displayName, AccountKind kind, Role role, boolean guest,
                      boolean active, boolean hasPassword, long securityStamp, Instant createdAt) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean isAgent() {
        return kind == AccountKind.AGENT;
    }
}
