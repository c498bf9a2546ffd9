package org.helpdesk.accounts;

import java.io.Externalizable;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
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
 * <p>
 * In the session store it is written in a compact form of its own ({@link Stored}): its values without the
 * descriptions of the record, its enums, its {@code Instant}s and its {@code Long} that Java serialization would
 * write along with them (a third of the size). Sessions written before in the default form are still read.
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

    @Serial
    private Object writeReplace() {
        return new Stored(this);
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

    /**
     * The compact serialized form: the values one after the other, read back through the record's constructor.
     * An enum is written by name, so that adding a constant does not change what a stored session means.
     */
    static final class Stored implements Externalizable {

        @Serial
        private static final long serialVersionUID = 1L;

        private CurrentUser user;

        /** For deserialization only. */
        public Stored() {
        }

        Stored(CurrentUser user) {
            this.user = user;
        }

        @Override
        public void writeExternal(ObjectOutput out) throws IOException {
            out.writeLong(user.id);
            writeString(out, user.email);
            writeString(out, user.displayName);
            writeString(out, nameOf(user.kind));
            writeString(out, nameOf(user.role));
            out.writeBoolean(user.guest);
            writeString(out, nameOf(user.method));
            out.writeBoolean(user.passId != null);
            if (user.passId != null) {
                out.writeLong(user.passId);
            }
            writeInstant(out, user.sessionEndsAt);
            out.writeLong(user.securityStamp);
            writeInstant(out, user.signedInAt);
        }

        @Override
        public void readExternal(ObjectInput in) throws IOException {
            long id = in.readLong();
            String email = readString(in);
            String displayName = readString(in);
            AccountKind kind = readEnum(AccountKind.class, readString(in));
            Role role = readEnum(Role.class, readString(in));
            boolean guest = in.readBoolean();
            SignInMethod method = readEnum(SignInMethod.class, readString(in));
            Long passId = in.readBoolean() ? in.readLong() : null;
            Instant sessionEndsAt = readInstant(in);
            long securityStamp = in.readLong();
            Instant signedInAt = readInstant(in);
            user = new CurrentUser(id, email, displayName, kind, role, guest, method, passId, sessionEndsAt,
                    securityStamp, signedInAt);
        }

        @Serial
        private Object readResolve() {
            return user;
        }

        private static void writeInstant(ObjectOutput out, Instant instant) throws IOException {
            out.writeBoolean(instant != null);
            if (instant != null) {
                out.writeLong(instant.getEpochSecond());
                out.writeInt(instant.getNano());
            }
        }

        private static Instant readInstant(ObjectInput in) throws IOException {
            return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
        }

        private static void writeString(ObjectOutput out, String value) throws IOException {
            out.writeBoolean(value != null);
            if (value != null) {
                out.writeUTF(value);
            }
        }

        private static String readString(ObjectInput in) throws IOException {
            return in.readBoolean() ? in.readUTF() : null;
        }

        private static String nameOf(Enum<?> value) {
            return value == null ? null : value.name();
        }

        private static <E extends Enum<E>> E readEnum(Class<E> type, String name) throws IOException {
            if (name == null) {
                return null;
            }
            try {
                return Enum.valueOf(type, name);
            } catch (IllegalArgumentException e) {
                throw new InvalidObjectException("unknown " + type.getSimpleName() + " " + name);
            }
        }
    }
}
