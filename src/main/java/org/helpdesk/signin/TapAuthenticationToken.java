package org.helpdesk.signin;

import java.io.Serial;
import java.util.List;

import org.helpdesk.accounts.CurrentUser;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A sign-in with a Temporary Access Pass: email and typed pass before, the signed-in person after. */
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
}
