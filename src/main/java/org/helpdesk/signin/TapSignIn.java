package org.helpdesk.signin;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.accounts.EmailAddresses;
import org.helpdesk.passes.TemporaryAccessPasses;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.http.HttpMethod;

/**
 * Sign-in with a Temporary Access Pass at {@code POST /login/tap}. The session gets a new id and a new CSRF token,
 * and is made to end no later than the pass does.
 */
@Component
class TapSignIn implements SignInMechanism {

    static final String LAST_USERNAME = TapSignIn.class.getName() + ".username";
    static final int MAX_USERNAME = 320;

    private final TemporaryAccessPasses passes;
    private final SignInThrottle throttle;
    private final ThrottleProperties limits;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SignInCsrfTokens csrfTokens;

    TapSignIn(TemporaryAccessPasses passes, SignInThrottle throttle, ThrottleProperties limits,
              ApplicationEventPublisher events, Clock clock, SignInCsrfTokens csrfTokens) {
        this.passes = passes;
        this.throttle = throttle;
        this.limits = limits;
        this.events = events;
        this.clock = clock;
        this.csrfTokens = csrfTokens;
    }

    @Override
    public void customize(HttpSecurity http) {
        http.addFilterBefore(filter(), UsernamePasswordAuthenticationFilter.class);
    }

    private AbstractAuthenticationProcessingFilter filter() {
        var filter = new AbstractAuthenticationProcessingFilter(
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/login/tap")) {
            @Override
            public Authentication attemptAuthentication(HttpServletRequest request, HttpServletResponse response) {
                String username = request.getParameter("username");
                String pass = request.getParameter("pass");
                username = username == null ? "" : username.strip();
                TapAuthenticationToken attempt = TapAuthenticationToken.unauthenticated(username, pass == null ? "" : pass);
                attempt.setDetails(new WebAuthenticationDetails(request));
                return getAuthenticationManager().authenticate(attempt);
            }
        };
        filter.setAuthenticationManager(new ProviderManager(
                new TapAuthenticationProvider(passes, throttle, limits, events, clock)));
        filter.setSecurityContextRepository(new HttpSessionSecurityContextRepository());
        filter.setSessionAuthenticationStrategy(new CompositeSessionAuthenticationStrategy(List.of(
                new ChangeSessionIdAuthenticationStrategy(),
                new CsrfAuthenticationStrategy(csrfTokens))));
        filter.setAuthenticationSuccessHandler(this::onSuccess);
        filter.setAuthenticationFailureHandler(this::onFailure);
        return filter;
    }

    private void onSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        var session = request.getSession();
        session.removeAttribute(LAST_USERNAME);
        CurrentUser user = (CurrentUser) authentication.getPrincipal();
        long secondsLeft = Duration.between(clock.instant(), user.sessionEndsAt()).toSeconds();
        int idle = session.getMaxInactiveInterval();
        if (idle <= 0 || secondsLeft < idle) {
            session.setMaxInactiveInterval((int) Math.max(1, secondsLeft));
        }
        response.sendRedirect(request.getContextPath() + "/");
    }

    private void onFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException, ServletException {
        rememberUsername(request);
        if (ThrottledPage.forward(request, response, e)) {
            return;
        }
        String error = "invalid";
        if (e instanceof TapAuthenticationException refused && refused.reason().tellsThePerson()) {
            error = switch (refused.reason()) {
                case EXPIRED -> "expired";
                case ONE_TIME_USED -> "used";
                case NOT_YET_VALID -> "notYetValid";
                default -> "invalid";
            };
        }
        response.sendRedirect(request.getContextPath() + "/login/tap?error=" + error);
    }

    /**
     * Keeps what was typed as the address, to refill the form after a failure, but only when it is an address: a
     * pass typed in the wrong field is not kept. (Only after a failure: a successful sign-in needs no session before
     * it, and gets a new one.)
     */
    private static void rememberUsername(HttpServletRequest request) {
        String username = request.getParameter("username");
        username = username == null ? "" : username.strip();
        if (username.length() <= MAX_USERNAME && EmailAddresses.normalize(username) != null) {
            request.getSession().setAttribute(LAST_USERNAME, username);
        } else {
            SessionOnce.put(request, LAST_USERNAME, null);
        }
    }

    static boolean isKnownError(String error) {
        return error != null && switch (error) {
            case "invalid", "expired", "used", "notYetValid" -> true;
            default -> false;
        };
    }
}
