package org.helpdesk.signin;

import java.util.List;

import org.helpdesk.accounts.CurrentUser;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The console's filter chain. Each sign-in mechanism contributes its own {@link SignInMechanism};
 * this class holds what they share: which pages are public, sign-out, headers and the session rules.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableMethodSecurity
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /**
     * No observation around each of the chains' filters: with the actuator on the class path Spring Security would
     * time every filter of every request, about a tenth of a sign-in's cost, for spans nobody collects. Requests
     * themselves are still observed by the web server's own metrics.
     */
    @Bean
    static SecurityObservationSettings noFilterObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** The session rules run inside the security chain only, never a second time as a plain servlet filter. */
    @Bean
    FilterRegistrationBean<SessionRulesFilter> sessionRulesOutsideTheChain(SessionRulesFilter filter) {
        FilterRegistrationBean<SessionRulesFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }

    /** So does the second-factor gate. */
    @Bean
    FilterRegistrationBean<SecondFactorGate> secondFactorGateOutsideTheChain(SecondFactorGate filter) {
        FilterRegistrationBean<SecondFactorGate> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }

    @Bean
    SecurityFilterChain console(HttpSecurity http, List<SignInMechanism> mechanisms, SessionRulesFilter sessionRules,
                                SecondFactorGate secondFactorGate, ApplicationEventPublisher events,
                                SignInCsrfTokens csrfTokens) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/login", "/login/tap", SecondStep.PATH, "/login/webauthn", "/webauthn/authenticate/options",
                        ThrottledPage.PATH, SingleSignOnRefusals.PAGE, "/css/**", "/js/**", "/favicon.ico", "/error",
                        "/actuator/health").permitAll()
                .anyRequest().authenticated());
        for (SignInMechanism mechanism : mechanisms) {
            mechanism.customize(http);
        }
        http.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut")
                .addLogoutHandler((request, response, authentication) -> {
                    if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
                        events.publishEvent(new SignInEvents.SignedOut(user.id(), user.method()));
                    }
                })
                .invalidateHttpSession(true).deleteCookies("JSESSIONID", "SESSION"));
        http.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens));
        http.sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()));
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .frameOptions(frame -> frame.deny())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
        http.addFilterBefore(sessionRules, AuthorizationFilter.class);
        // after the session rules, so that an ended session is ended rather than sent to register a second factor
        http.addFilterBefore(secondFactorGate, AuthorizationFilter.class);
        return http.build();
    }
}
