package org.helpdesk.signin;

import java.io.Externalizable;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.Serial;
import java.util.List;

import org.helpdesk.accounts.CurrentUser;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * A sign-in with a Temporary Access Pass: email and typed pass before, the signed-in person after.
 * <p>
 * Signed in, it is kept in the session in a compact form ({@link Stored}): the person and the request's address,
 * its authorities and details made again from them when read, instead of Java serialization's descriptions of the
 * token's class hierarchy, its list of authorities and its details (a sign-in's session row goes from some
 * 1 600 bytes to some 400).
 */
final class TapAuthenticationToken extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Object principal;
    private transient String pass;

    private TapAuthenticationToken(String email, String pass) {
        super(List.of());
        this.principal = email;
        this.pass = pass;
        setAuthenticated(false);
    }

    private TapAuthenticationToken(CurrentUser user) {
        super(user.authorities());
        this.principal = user;
        super.setAuthenticated(true);
    }

    static TapAuthenticationToken unauthenticated(String email, String pass) {
        return new TapAuthenticationToken(email, pass);
    }

    static TapAuthenticationToken authenticated(CurrentUser user) {
        return new TapAuthenticationToken(user);
    }

    /**
     * Only a signed-in token that holds what it would be made again from (the person's own authorities, the usual
     * details) is written compactly; anything else the default way.
     */
    @Serial
    private Object writeReplace() {
        if (isAuthenticated() && principal instanceof CurrentUser user
                && List.copyOf(getAuthorities()).equals(user.authorities())
                && (getDetails() == null || getDetails().getClass() == WebAuthenticationDetails.class)) {
            return new Stored(user, (WebAuthenticationDetails) getDetails());
        }
        return this;
    }

    @Override
    public Object getCredentials() {
        return pass;
    }

    @Override
    public Object getPrincipal() {
        return principal;
    }

    @Override
    public void eraseCredentials() {
        super.eraseCredentials();
        pass = null;
    }

    /** The compact serialized form of a signed-in token. */
    static final class Stored implements Externalizable {

        @Serial
        private static final long serialVersionUID = 1L;

        private TapAuthenticationToken token;
        private CurrentUser user;
        private WebAuthenticationDetails details;

        /** For deserialization only. */
        public Stored() {
        }

        Stored(CurrentUser user, WebAuthenticationDetails details) {
            this.user = user;
            this.details = details;
        }

        @Override
        public void writeExternal(ObjectOutput out) throws IOException {
            out.writeObject(user);
            out.writeBoolean(details != null);
            if (details != null) {
                out.writeObject(details.getRemoteAddress());
                out.writeObject(details.getSessionId());
            }
        }

        @Override
        public void readExternal(ObjectInput in) throws IOException, ClassNotFoundException {
            if (!(in.readObject() instanceof CurrentUser read)) {
                throw new InvalidObjectException("not a signed-in person");
            }
            token = TapAuthenticationToken.authenticated(read);
            if (in.readBoolean()) {
                token.setDetails(new WebAuthenticationDetails(readString(in), readString(in)));
            }
        }

        private static String readString(ObjectInput in) throws IOException, ClassNotFoundException {
            Object value = in.readObject();
            if (value == null || value instanceof String) {
                return (String) value;
            }
            throw new InvalidObjectException("not a string");
        }

        @Serial
        private Object readResolve() {
            return token;
        }
    }
}
