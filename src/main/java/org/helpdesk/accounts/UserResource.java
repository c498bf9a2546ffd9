package org.helpdesk.accounts;

import java.time.Instant;

/**
 * A person in the API, named like Microsoft Graph's user where it has a name for it: {@code mail} is the email
 * address they sign in with, {@code userType} is {@code Member} or {@code Guest}. {@code kind} is agent or
 * contact, and {@code role} an agent's role (null for contacts).
 */
record UserResource(long id, String displayName, String mail, String kind, String role, String userType,
                    boolean accountEnabled, Instant createdDateTime) {

    static final String MEMBER = "Member";
    static final String GUEST = "Guest";

    static UserResource of(Account account) {
        return new UserResource(account.id(), account.displayName(), account.email(), account.kind().dbValue(),
                account.role() == null ? null : account.role().dbValue(), account.guest() ? GUEST : MEMBER,
                account.active(), account.createdAt());
    }
}
