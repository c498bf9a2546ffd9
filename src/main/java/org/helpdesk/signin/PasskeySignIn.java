package org.helpdesk.signin;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.helpdesk.accounts.Accounts;
import org.helpdesk.mfa.Passkeys;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.webauthn.authentication.PublicKeyCredentialRequestOptionsFilter;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.stereotype.Component;

/**
 * Passkeys through Spring Security's WebAuthn support: registration for signed-in people
 * ({@code /webauthn/register/options}, {@code /webauthn/register}) and sign-in from {@code /login}
 * ({@code /webauthn/authenticate/options}, {@code /login/webauthn}). Options are kept in the session in a
 * serializable form ({@link SessionCreationOptions}, {@link SessionRequestOptions}) so that the database session
 * store holds them. A passkey sign-in becomes the same session as a password sign-in: a {@code CurrentUser}
 * principal holding the moment of sign-in, a new session id and CSRF token.
 */
@Component
class PasskeySignIn implements SignInMechanism {

    private final WebAuthnRelyingPartyOperations relyingParty;
    private final UserCredentialRepository credentials;
    private final Passkeys passkeys;
    private final Accounts accounts;
    private final ApplicationEventPublisher events;
    private final MessageSource messages;
    private final SignInCsrfTokens csrfTokens;
    private final Clock clock;
    private final SessionCreationOptions creationOptions = new SessionCreationOptions();
    private final SessionRequestOptions requestOptions = new SessionRequestOptions();

    PasskeySignIn(WebAuthnRelyingPartyOperations relyingParty, UserCredentialRepository credentials, Passkeys passkeys,
                  Accounts accounts, ApplicationEventPublisher events, MessageSource messages,
                  SignInCsrfTokens csrfTokens, Clock clock) {
        this.relyingParty = relyingParty;
        this.credentials = credentials;
        this.passkeys = passkeys;
        this.accounts = accounts;
        this.events = events;
        this.messages = messages;
        this.csrfTokens = csrfTokens;
        this.clock = clock;
    }

    @Override
    public void customize(HttpSecurity http) {
        // Spring Security's own provider would need it; ours (PasskeyAuthenticationProvider) replaces that provider
        UserDetailsService none = username -> {
            throw new UsernameNotFoundException("Passkeys are checked by their own provider");
        };
        http.setSharedObject(UserDetailsService.class, none);
        // answers /webauthn/authenticate/options before the configurer's own filter, with the session-safe store
        PublicKeyCredentialRequestOptionsFilter options = new PublicKeyCredentialRequestOptionsFilter(relyingParty);
        options.setRequestOptionsRepository(requestOptions);
        http.addFilterBefore(options, AuthorizationFilter.class);
        http.addFilterBefore(new PasskeyRegistrationGuard(messages), AuthorizationFilter.class);
        try {
            http.webAuthn(webAuthn -> webAuthn
                    .disableDefaultRegistrationPage(true)
                    .creationOptionsRepository(creationOptions)
                    .withObjectPostProcessor(new ObjectPostProcessor<WebAuthnAuthenticationFilter>() {
                        @Override
                        public <O extends WebAuthnAuthenticationFilter> O postProcess(O filter) {
                            configure(filter);
                            return filter;
                        }
                    }));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void configure(WebAuthnAuthenticationFilter filter) {
        filter.setAuthenticationManager(new ProviderManager(
                new PasskeyAuthenticationProvider(relyingParty, credentials, passkeys, accounts, events, clock)));
        filter.setRequestOptionsRepository(requestOptions);
        filter.setAuthenticationDetailsSource(new WebAuthenticationDetailsSource());
        filter.setSecurityContextRepository(new HttpSessionSecurityContextRepository());
        filter.setSessionAuthenticationStrategy(new CompositeSessionAuthenticationStrategy(List.of(
                new ChangeSessionIdAuthenticationStrategy(),
                new CsrfAuthenticationStrategy(csrfTokens))));
        filter.setAuthenticationSuccessHandler(this::onSuccess);
        filter.setAuthenticationFailureHandler((request, response, e) ->
                answer(response, HttpServletResponse.SC_UNAUTHORIZED, "{\"authenticated\":false}"));
    }

    private void onSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        answer(response, HttpServletResponse.SC_OK,
                "{\"authenticated\":true,\"redirectUrl\":\"" + request.getContextPath() + "/\"}");
    }

    private static void answer(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json);
    }
}
