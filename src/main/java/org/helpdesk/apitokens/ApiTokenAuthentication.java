package org.helpdesk.apitokens;

import java.io.Serial;

import org.helpdesk.accounts.CurrentUser;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** An API call authenticated by a token: the token's owner, as their account is now. Holds no credential. */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    private final CurrentUser user;

    ApiTokenAuthentication(CurrentUser user) {
        super(user.authorities());
        this.user = user;
        super.setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return user;
    }
}
