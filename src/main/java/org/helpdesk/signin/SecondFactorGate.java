package org.helpdesk.signin;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.helpdesk.accounts.AccountKind;
import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.accounts.SecuritySettingsService;
import org.helpdesk.mfa.SecondFactor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher.MatchResult;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * "Require 2FA for agents" (spec 5): while the setting is on, a signed-in agent of any role, whatever the sign-in
 * method, who has no second factor registered may use only their own Authentication tab and what registering one
 * needs. Other pages are sent there (GET) or refused (anything else). Contacts and guests are never held here.
 * Every kind of second factor is a {@link SecondFactor} bean; with none registered, nobody has one.
 */
@Component
class SecondFactorGate extends OncePerRequestFilter {

    /** The request attribute, true while the signed-in person must register a second factor first. */
    static final String REQUIRED = "secondFactorRequired";

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();
    private static final RequestMatcher OWN_TAB = PATHS.matcher("/people/{id}/authentication");
    private static final List<RequestMatcher> ALWAYS_OPEN = List.of(PATHS.matcher("/profile/**"),
            PATHS.matcher("/webauthn/**"), PATHS.matcher("/login"), PATHS.matcher("/login/**"),
            PATHS.matcher("/logout"), PATHS.matcher("/css/**"), PATHS.matcher("/js/**"),
            PATHS.matcher("/favicon.ico"), PATHS.matcher("/error"));

    private final SecuritySettingsService settings;
    private final ObjectProvider<SecondFactor> secondFactors;

    SecondFactorGate(SecuritySettingsService settings, ObjectProvider<SecondFactor> secondFactors) {
        this.settings = settings;
        this.secondFactors = secondFactors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof CurrentUser user)
                || !mustRegisterFirst(user)) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(REQUIRED, Boolean.TRUE);
        if (isOpen(request, user)) {
            chain.doFilter(request, response);
        } else if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
            response.sendRedirect(request.getContextPath() + ownTab(user));
        } else {
            throw new AccessDeniedException("A second factor must be registered first");
        }
    }

    private boolean mustRegisterFirst(CurrentUser user) {
        return user.kind() == AccountKind.AGENT && !user.guest()
                && settings.current().requireSecondFactorForAgents()
                && secondFactors.orderedStream().noneMatch(factor -> factor.isRegisteredFor(user.id()));
    }

    private static boolean isOpen(HttpServletRequest request, CurrentUser user) {
        MatchResult tab = OWN_TAB.matcher(request);
        if (tab.isMatch() && String.valueOf(user.id()).equals(tab.getVariables().get("id"))) {
            return true;
        }
        return ALWAYS_OPEN.stream().anyMatch(open -> open.matches(request));
    }

    private static String ownTab(CurrentUser user) {
        return "/people/" + user.id() + "/authentication";
    }
}
