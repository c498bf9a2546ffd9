package org.helpdesk.signin;

import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.AccountKind;
import org.helpdesk.accounts.SecuritySettingsService;
import org.helpdesk.accounts.SignInMethod;
import org.helpdesk.mfa.AuthenticatorApps;
import org.helpdesk.mfa.Passkeys;
import org.springframework.stereotype.Component;

/**
 * The second step of a sign-in, after a right first factor (a password): whether one is needed, and the step
 * waiting in the session until a code completes it. Until then the person is not signed in at all: the session
 * holds only the account id and when the step ends, and no page but the code page opens. (Spring Security 7's
 * multi-factor support would instead keep a partly authenticated principal with one factor authority and demand
 * the other per request; keeping nobody signed in in between leaves {@code CurrentUser}, the session rules and
 * every authorization rule as they are.)
 * <p>
 * A Temporary Access Pass stands in for both factors (spec 5), and guests have no second factor (spec 6): neither
 * ever comes here.
 */
@Component
class SecondStep {

    static final String PATH = "/login/second-factor";
    static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final String PENDING = SecondStep.class.getName() + ".pending";

    private final AuthenticatorApps apps;
    private final Passkeys passkeys;
    private final SecuritySettingsService settings;
    private final Clock clock;

    SecondStep(AuthenticatorApps apps, Passkeys passkeys, SecuritySettingsService settings, Clock clock) {
        this.apps = apps;
        this.passkeys = passkeys;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Whether a sign-in of the account with a first factor must still be completed with a second one: always for a
     * person with an authenticator app; and for an agent under "require 2FA for agents" whose second factor is a
     * passkey, who then finishes by signing in with it (a passkey verifies its user: it is both factors at once).
     */
    boolean required(Account account) {
        if (account.guest()) {
            return false;
        }
        return apps.isRegisteredFor(account.id()) || passkeyRequired(account);
    }

    /** Whether the step is completed with a passkey rather than a code. */
    boolean passkeyRequired(Account account) {
        return !account.guest() && account.kind() == AccountKind.AGENT
                && settings.current().requireSecondFactorForAgents() && !apps.isRegisteredFor(account.id())
                && passkeys.isRegisteredFor(account.id());
    }

    /** Starts the second step of a sign-in whose first factor was right, and sends the person to the code page. */
    void begin(HttpServletRequest request, HttpServletResponse response, Account account, SignInMethod method)
            throws IOException {
        request.getSession().setAttribute(PENDING, new Pending(account.id(), method, clock.instant().plus(LIFETIME)));
        response.sendRedirect(request.getContextPath() + PATH);
    }

    /** The step waiting in the session, if there is one and it has not ended. */
    Optional<Pending> pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object pending = session == null ? null : session.getAttribute(PENDING);
        return pending instanceof Pending p && clock.instant().isBefore(p.endsAt()) ? Optional.of(p) : Optional.empty();
    }

    void end(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(PENDING);
        }
    }

    /** Kept in the session, which the database stores: serializable, and holding no secret. */
    record Pending(long accountId, SignInMethod method, Instant endsAt) implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;
    }
}
