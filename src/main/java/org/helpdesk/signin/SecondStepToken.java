package org.helpdesk.signin;

import java.io.Serial;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A typed code for the second step of the sign-in of one account; never authenticated itself. */
final class SecondStepToken extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    private final SecondStep.Pending pending;
    private transient String code;

    SecondStepToken(SecondStep.Pending pending, String code) {
        super(List.of());
        this.pending = pending;
        this.code = code;
        setAuthenticated(false);
    }

    @Override
    public Object getCredentials() {
        return code;
    }

    @Override
    public SecondStep.Pending getPrincipal() {
        return pending;
    }

    @Override
    public void eraseCredentials() {
        super.eraseCredentials();
        code = null;
    }
}
