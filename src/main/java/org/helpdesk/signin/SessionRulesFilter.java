package org.helpdesk.signin;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.helpdesk.accounts.Accounts;
import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.accounts.SignInMethod;
import org.helpdesk.passes.TemporaryAccessPasses;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session, on whichever instance serves it, when it must no longer be used: its pass has ended or was
 * deleted, its account was disabled or had its sessions ended (the account's security stamp moved on), or it has
 * lasted longer than the absolute timeout.
 * Checked on every request against the database, so it holds across instances without a session registry.
 */
@Component
class SessionRulesFilter extends OncePerRequestFilter {

    /**
     * Where sessions made before the moment of sign-in moved into {@link CurrentUser#signedInAt()} keep it: read so
     * that their absolute timeout still holds; nothing writes it any more.
     */
    static final String SIGNED_IN_AT = SessionRulesFilter.class.getName() + ".signedInAt";

    private final Accounts accounts;
    private final TemporaryAccessPasses passes;
    private final SessionProperties properties;
    private final Clock clock;

    SessionRulesFilter(Accounts accounts, TemporaryAccessPasses passes, SessionProperties properties, Clock clock) {
        this.accounts = accounts;
        this.passes = passes;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user
                && !(stillValid(user) && withinAbsoluteTimeout(user, request))) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            response.sendRedirect(request.getContextPath() + "/login?sessionEnded");
            return;
        }
        chain.doFilter(request, response);
    }

    /** The absolute timeout runs from the moment of sign-in, held in the principal (none for an API token). */
    private boolean withinAbsoluteTimeout(CurrentUser user, HttpServletRequest request) {
        Instant signedInAt = user.signedInAt() != null ? user.signedInAt() : earlierSessionsSignedInAt(request);
        return signedInAt == null || clock.instant().isBefore(signedInAt.plus(properties.absoluteTimeout()));
    }

    private static Instant earlierSessionsSignedInAt(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(SIGNED_IN_AT) instanceof Instant at ? at : null;
    }

    private boolean stillValid(CurrentUser user) {
        if (user.sessionEndsAt() != null && !clock.instant().isBefore(user.sessionEndsAt())) {
            return false;
        }
        boolean accountOk = accounts.sessionStatus(user.id())
                .map(status -> status.active() && status.securityStamp() == user.securityStamp())
                .orElse(false);
        if (!accountOk) {
            return false;
        }
        return user.method() != SignInMethod.TAP || user.passId() == null || passes.exists(user.passId());
    }
}
