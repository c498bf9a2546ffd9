package org.helpdesk.signin;

import java.time.Clock;
import java.util.List;

import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.accounts.SignInMethod;
import org.helpdesk.passes.PassCheck;
import org.helpdesk.passes.TemporaryAccessPasses;
import org.helpdesk.signin.SignInEvents.PassRevokedByThrottling;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks a typed pass; a pass stands in for both password and second factor (spec 5). Throttled per account and
 * per client address; after too many consecutive failures the account's live pass is revoked.
 */
class TapAuthenticationProvider implements AuthenticationProvider {

    private final TemporaryAccessPasses passes;
    private final SignInThrottle throttle;
    private final ThrottleProperties limits;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TapAuthenticationProvider(TemporaryAccessPasses passes, SignInThrottle throttle, ThrottleProperties limits,
                              ApplicationEventPublisher events, Clock clock) {
        this.passes = passes;
        this.throttle = throttle;
        this.limits = limits;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email = String.valueOf(authentication.getPrincipal());
        String pass = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        String address = addressOf(authentication);
        SignInThrottle.Allowed allowed = throttle.checkAllowed(SignInMethod.TAP, email, address);
        PassCheck check = passes.signIn(email, pass);
        if (check instanceof PassCheck.Accepted accepted) {
            throttle.succeeded(allowed);
            CurrentUser user = CurrentUser.of(accepted.account(), SignInMethod.TAP, accepted.passId(),
                    accepted.endsAt(), clock.instant());
            return TapAuthenticationToken.authenticated(user);
        }
        PassCheck.Refused refused = (PassCheck.Refused) check;
        int consecutive = throttle.failed(SignInMethod.TAP, email, address);
        if (consecutive >= limits.revokeAfter() && refused.accountId() != null) {
            List<Long> revoked = passes.revokeLivePass(refused.accountId());
            revoked.forEach(id -> events.publishEvent(new PassRevokedByThrottling(refused.accountId(), id, consecutive)));
            throttle.reset(SignInThrottle.accountKey(SignInMethod.TAP, email));
        }
        throw new TapAuthenticationException(refused.reason());
    }

    static String addressOf(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return TapAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
