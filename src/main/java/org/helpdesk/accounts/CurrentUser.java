package org.helpdesk.accounts;

import java.io.Serial;
import java.io.Serializable;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The signed-in person, as held in the session. {@code sessionEndsAt} is set when the session must end
 * at a fixed time (a pass's end); {@code securityStamp} lets every instance end the session when the
 * account's stamp moves on (disabled, sessions ended by an admin); {@code signedInAt} is the moment of sign-in,
 * from which the sessions' absolute timeout runs (null where there is no session: an API token's request).
 */
public record CurrentUser(long id, String email, String displayName, AccountKind kind, Role role, boolean guest,
                          SignInMethod method, Long passId, Instant sessionEndsAt, long securityStamp,
                          Instant signedInAt)
        implements Serializable, Principal {

    @Serial
    private static final long serialVersionUID = 1L;

    public static CurrentUser of(Account account, SignInMethod method, Long passId, Instant sessionEndsAt,
                                 Instant signedInAt) {
        return new CurrentUser(account.id(), account.email(), account.displayName(), account.kind(), account.role(),
                account.guest(), method, passId, sessionEndsAt, account.securityStamp(), signedInAt);
    }

    /** The same person in the same session, after the account's stamp moved on at their own request. */
    public CurrentUser withSecurityStamp(long stamp) {
        return new CurrentUser(id, email, displayName, kind, role, guest, method, passId, sessionEndsAt, stamp,
                signedInAt);
    }

    /** The account id: what the session store indexes sessions by, and what a log line may name. */
    @Override
    public String getName() {
        return String.valueOf(id);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean canManagePeople() {
        return role == Role.ADMIN || role == Role.MANAGER;
    }

    public List<GrantedAuthority> authorities() {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(kind == AccountKind.CONTACT ? "ROLE_CONTACT" : "ROLE_" + role.name()));
        if (guest) {
            authorities.add(new SimpleGrantedAuthority("ROLE_GUEST"));
        }
        authorities.add(new SimpleGrantedAuthority("SIGNED_IN_WITH_" + method.name()));
        return authorities;
    }
}
