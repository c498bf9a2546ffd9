package org.helpdesk.signin;

import org.helpdesk.accounts.Accounts;
import org.helpdesk.accounts.Accounts.PasswordCredentials;
import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.accounts.SignInMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Email and password. Unknown, disabled and guest accounts and accounts without a password all fail the same
 * way and after the same hashing work as a wrong password, so none can be told from the others.
 */
@Component
class PasswordAuthenticationProvider implements AuthenticationProvider {

    static final int MAX_INPUT = 512;

    private final Accounts accounts;
    private final PasswordEncoder encoder;
    private final String dummyHash;

    PasswordAuthenticationProvider(Accounts accounts, PasswordEncoder encoder) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.dummyHash = encoder.encode("not a password anyone has");
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email = String.valueOf(authentication.getPrincipal());
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        if (email.length() > MAX_INPUT || password.length() > MAX_INPUT) {
            encoder.matches("", dummyHash);
            throw new BadCredentialsException("Bad credentials");
        }
        String normalized = Accounts.normalizePassword(password);
        PasswordCredentials credentials = accounts.passwordCredentials(email).orElse(null);
        if (credentials == null) {
            encoder.matches(normalized, dummyHash);
            throw new BadCredentialsException("Bad credentials");
        }
        if (!encoder.matches(normalized, credentials.passwordHash())) {
            throw new BadCredentialsException("Bad credentials");
        }
        CurrentUser user = CurrentUser.of(credentials.account(), SignInMethod.PASSWORD, null, null);
        return UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
