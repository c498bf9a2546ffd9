package org.helpdesk.signin;

import java.time.Clock;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Accounts;
import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.mfa.AuthenticatorApps;
import org.helpdesk.mfa.SecondFactorCheck;
import org.helpdesk.signin.SignInEvents.SecondStepChecked;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Checks the code typed at the second step: a code of the authenticator app or a recovery code. Wrong codes are
 * counted per account under a key of their own, with the same growing waits as wrong passwords, so codes cannot
 * be guessed by starting over with the right password. Success signs the person in as the first factor would
 * have: the method stays the first factor's.
 */
class SecondStepAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticatorApps apps;
    private final Accounts accounts;
    private final SignInThrottle throttle;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SecondStepAuthenticationProvider(AuthenticatorApps apps, Accounts accounts, SignInThrottle throttle,
                                     ApplicationEventPublisher events, Clock clock) {
        this.apps = apps;
        this.accounts = accounts;
        this.throttle = throttle;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        SecondStep.Pending pending = (SecondStep.Pending) authentication.getPrincipal();
        String code = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        String key = SignInThrottle.secondStepKey(pending.accountId());
        String address = TapAuthenticationProvider.addressOf(authentication);
        throttle.checkAllowed(pending.method(), key, address, pending::accountId);
        Account account = accounts.find(pending.accountId()).filter(a -> a.active() && !a.guest()).orElse(null);
        SecondFactorCheck check = account == null ? SecondFactorCheck.REFUSED : apps.check(account.id(), code);
        if (!check.accepted()) {
            throttle.failed(key, address);
            events.publishEvent(new SecondStepChecked(pending.accountId(), pending.method(), false,
                    account == null ? "ACCOUNT_DISABLED" : "WRONG_CODE", null));
            throw new BadCredentialsException("Bad code");
        }
        throttle.reset(key);
        events.publishEvent(new SecondStepChecked(account.id(), pending.method(), true, null,
                check == SecondFactorCheck.APP_CODE ? "authenticator_app" : "recovery_code"));
        CurrentUser user = CurrentUser.of(account, pending.method(), null, null, clock.instant());
        return UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return SecondStepToken.class.isAssignableFrom(authentication);
    }
}
