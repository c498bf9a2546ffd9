package org.helpdesk.signin;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Accounts;
import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.accounts.SignInMethod;
import org.helpdesk.signin.SignInEvents.PasswordSignInAttempted;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Email and password. Unknown, disabled and guest accounts and accounts without a password all fail the same
 * way and after the same hashing work as a wrong password, so none can be told from the others; the event log
 * gets the precise reason. A right password of an account with a second factor does not sign in: it throws
 * {@link SecondStepRequiredException}, and the sign-in goes on to the {@link SecondStep}.
 */
class PasswordAuthenticationProvider implements AuthenticationProvider {

    static final int MAX_INPUT = 512;

    private final Accounts accounts;
    private final PasswordEncoder encoder;
    private final ApplicationEventPublisher events;
    private final SignInThrottle throttle;
    private final SecondStep secondStep;
    private final Clock clock;
    /** Hashed beside the rest of the start-up rather than in its way; every check waits for it. */
    private final CompletableFuture<String> dummyHash;

    PasswordAuthenticationProvider(Accounts accounts, PasswordEncoder encoder, ApplicationEventPublisher events,
                                   SignInThrottle throttle, SecondStep secondStep, Clock clock) {
        this.accounts = accounts;
        this.secondStep = secondStep;
        this.encoder = encoder;
        this.events = events;
        this.throttle = throttle;
        this.clock = clock;
        this.dummyHash = CompletableFuture.supplyAsync(() -> encoder.encode("not a password anyone has"));
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email = String.valueOf(authentication.getPrincipal());
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        String address = TapAuthenticationProvider.addressOf(authentication);
        SignInThrottle.Allowed allowed = throttle.checkAllowed(SignInMethod.PASSWORD, email, address);
        try {
            Authentication result = check(email, password);
            throttle.succeeded(allowed);
            return result;
        } catch (BadCredentialsException e) {
            throttle.failed(SignInMethod.PASSWORD, email, address);
            throw e;
        } catch (SecondStepRequiredException e) {
            throttle.succeeded(allowed);
            throw e;
        }
    }

    private Authentication check(String email, String password) {
        if (email.length() > MAX_INPUT || password.length() > MAX_INPUT) {
            encoder.matches("", dummyHash.join());
            throw refused(null, "MALFORMED_INPUT");
        }
        String normalized = Accounts.normalizePassword(password);
        Account account = accounts.findByEmail(email).orElse(null);
        String hash = account == null ? null : accounts.passwordHash(account.id()).orElse(null);
        boolean matches = encoder.matches(normalized, hash == null ? dummyHash.join() : hash) && hash != null;
        if (account == null) {
            throw refused(null, "UNKNOWN_ACCOUNT");
        }
        if (account.guest()) {
            throw refused(account.id(), "GUEST");
        }
        if (!account.active()) {
            throw refused(account.id(), "ACCOUNT_DISABLED");
        }
        if (hash == null) {
            throw refused(account.id(), "NO_PASSWORD");
        }
        if (!matches) {
            throw refused(account.id(), "WRONG_PASSWORD");
        }
        if (secondStep.required(account)) {
            throw new SecondStepRequiredException(account);
        }
        events.publishEvent(new PasswordSignInAttempted(account.id(), true, null));
        CurrentUser user = CurrentUser.of(account, SignInMethod.PASSWORD, null, null, clock.instant());
        return UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities());
    }

    private BadCredentialsException refused(Long accountId, String reason) {
        events.publishEvent(new PasswordSignInAttempted(accountId, false, reason));
        return new BadCredentialsException("Bad credentials");
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
