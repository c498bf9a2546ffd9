package org.helpdesk.signin;

import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.accounts.SignInMethod;
import org.helpdesk.passes.PassCheck;
import org.helpdesk.passes.TemporaryAccessPasses;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;

/** Checks a typed pass; a pass stands in for both password and second factor (spec 5). */
class TapAuthenticationProvider implements AuthenticationProvider {

    private final TemporaryAccessPasses passes;

    TapAuthenticationProvider(TemporaryAccessPasses passes) {
        this.passes = passes;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email = String.valueOf(authentication.getPrincipal());
        String pass = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        PassCheck check = passes.signIn(email, pass);
        if (check instanceof PassCheck.Accepted accepted) {
            CurrentUser user = CurrentUser.of(accepted.account(), SignInMethod.TAP, accepted.passId(),
                    accepted.endsAt());
            return TapAuthenticationToken.authenticated(user);
        }
        throw new TapAuthenticationException(((PassCheck.Refused) check).reason());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return TapAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
