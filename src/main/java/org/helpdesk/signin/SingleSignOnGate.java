package org.helpdesk.signin;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.helpdesk.signin.SingleSignOnRegistrations.ProviderUnavailableException;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stands before Spring Security's OAuth 2.0 login endpoints: a provider that is switched off, not configured or
 * unknown gets "not found" at both its start and its callback URL, and one that cannot be reached gets the
 * refusal page, before anything else happens.
 */
class SingleSignOnGate extends OncePerRequestFilter {

    static final String START = "/oauth2/authorization/{registrationId}";
    static final String CALLBACK = "/login/oauth2/code/{registrationId}";

    private final RequestMatcher start = PathPatternRequestMatcher.withDefaults().matcher(START);
    private final RequestMatcher callback = PathPatternRequestMatcher.withDefaults().matcher(CALLBACK);
    private final SingleSignOnRegistrations registrations;
    private final SingleSignOnRefusals refusals;

    SingleSignOnGate(SingleSignOnRegistrations registrations, SingleSignOnRefusals refusals) {
        this.registrations = registrations;
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestMatcher.MatchResult atStart = start.matcher(request);
        RequestMatcher.MatchResult atCallback = callback.matcher(request);
        if (!atStart.isMatch() && !atCallback.isMatch()) {
            chain.doFilter(request, response);
            return;
        }
        String id = (atStart.isMatch() ? atStart : atCallback).getVariables().get("registrationId");
        Optional<SingleSignOnProvider> provider = SingleSignOnProvider.byId(id);
        if (provider.isEmpty() || !registrations.offered(provider.get())) {
            if (provider.isPresent() && atCallback.isMatch()) {
                refusals.record(provider.get(), "PROVIDER_OFF", null, null);
            }
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        try {
            registrations.registration(provider.get());
        } catch (ProviderUnavailableException e) {
            refusals.refuse(request, response, provider.get(), "PROVIDER_UNAVAILABLE", null, null);
            return;
        }
        chain.doFilter(request, response);
    }

    /** The provider named in the path of a start or callback URL, if any. */
    Optional<SingleSignOnProvider> providerOf(HttpServletRequest request) {
        RequestMatcher.MatchResult atStart = start.matcher(request);
        RequestMatcher.MatchResult atCallback = callback.matcher(request);
        RequestMatcher.MatchResult match = atStart.isMatch() ? atStart : atCallback;
        return match.isMatch() ? SingleSignOnProvider.byId(match.getVariables().get("registrationId")) : Optional.empty();
    }
}
