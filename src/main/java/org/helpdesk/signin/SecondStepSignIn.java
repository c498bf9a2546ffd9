package org.helpdesk.signin;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.helpdesk.accounts.Accounts;
import org.helpdesk.mfa.AuthenticatorApps;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.stereotype.Component;

/**
 * {@code POST /login/second-factor}: completes a sign-in waiting for its second step. On success the session gets
 * a new id and CSRF token and the person is signed in exactly as by the first factor alone before; on failure the
 * code page says only that the code did not work.
 */
@Component
class SecondStepSignIn implements SignInMechanism {

    static final int MAX_CODE = 64;

    private final SecondStep secondStep;
    private final AuthenticatorApps apps;
    private final Accounts accounts;
    private final SignInThrottle throttle;
    private final ApplicationEventPublisher events;
    private final SignInCsrfTokens csrfTokens;
    private final Clock clock;

    SecondStepSignIn(SecondStep secondStep, AuthenticatorApps apps, Accounts accounts, SignInThrottle throttle,
                     ApplicationEventPublisher events, SignInCsrfTokens csrfTokens, Clock clock) {
        this.secondStep = secondStep;
        this.apps = apps;
        this.accounts = accounts;
        this.throttle = throttle;
        this.events = events;
        this.csrfTokens = csrfTokens;
        this.clock = clock;
    }

    @Override
    public void customize(HttpSecurity http) {
        http.addFilterBefore(filter(), UsernamePasswordAuthenticationFilter.class);
    }

    private AbstractAuthenticationProcessingFilter filter() {
        var filter = new AbstractAuthenticationProcessingFilter(
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, SecondStep.PATH)) {
            @Override
            public Authentication attemptAuthentication(HttpServletRequest request, HttpServletResponse response) {
                SecondStep.Pending pending = secondStep.pending(request)
                        .orElseThrow(() -> new NoSecondStepException());
                String code = request.getParameter("code");
                code = code == null || code.length() > MAX_CODE ? "" : code;
                SecondStepToken attempt = new SecondStepToken(pending, code);
                attempt.setDetails(new WebAuthenticationDetails(request));
                return getAuthenticationManager().authenticate(attempt);
            }
        };
        filter.setAuthenticationManager(new ProviderManager(
                new SecondStepAuthenticationProvider(apps, accounts, throttle, events, clock)));
        filter.setSecurityContextRepository(new HttpSessionSecurityContextRepository());
        filter.setSessionAuthenticationStrategy(new CompositeSessionAuthenticationStrategy(List.of(
                new ChangeSessionIdAuthenticationStrategy(),
                new CsrfAuthenticationStrategy(csrfTokens))));
        SavedRequestAwareAuthenticationSuccessHandler saved = new SavedRequestAwareAuthenticationSuccessHandler();
        saved.setDefaultTargetUrl("/");
        filter.setAuthenticationSuccessHandler((request, response, authentication) -> {
            secondStep.end(request);
            saved.onAuthenticationSuccess(request, response, authentication);
        });
        filter.setAuthenticationFailureHandler(this::onFailure);
        return filter;
    }

    private void onFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException, ServletException {
        if (ThrottledPage.forward(request, response, e)) {
            return;
        }
        String target = e instanceof NoSecondStepException ? "/login?sessionEnded" : SecondStep.PATH + "?error";
        response.sendRedirect(request.getContextPath() + target);
    }

    /** No second step waits in this session: none was begun, or it has ended. */
    private static final class NoSecondStepException extends BadCredentialsException {

        NoSecondStepException() {
            super("No second step waiting");
        }
    }
}
