package org.helpdesk.signin;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Accounts;
import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.accounts.SignInMethod;
import org.helpdesk.signin.SignInEvents.SingleSignOnAttempted;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.NullSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Sign-in with Google or Microsoft through OpenID Connect, by Spring Security's OAuth 2.0 login. The provider's
 * answer only identifies the person; the session is then made exactly as a password sign-in makes it, with the
 * signed-in person as principal, so the same session rules, timeouts and sign-out apply. Neither the provider's
 * tokens nor its view of the person are kept in the session.
 */
@Component
class SingleSignOn implements SignInMechanism {

    private final SingleSignOnRegistrations registrations;
    private final SingleSignOnRefusals refusals;
    private final SingleSignOnAccounts matcher;
    private final Accounts accounts;
    private final ApplicationEventPublisher events;
    private final SingleSignOnGate gate;
    private final SecondStep secondStep;
    private final Clock clock;
    private final SecurityContextRepository contexts = new DelegatingSecurityContextRepository(
            new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
    private final SavedRequestAwareAuthenticationSuccessHandler onwards = new SavedRequestAwareAuthenticationSuccessHandler();

    SingleSignOn(SingleSignOnRegistrations registrations, SingleSignOnRefusals refusals, SingleSignOnProperties properties,
                 Accounts accounts, SecondStep secondStep,
                 ApplicationEventPublisher events, Clock clock) {
        this.registrations = registrations;
        this.clock = clock;
        this.secondStep = secondStep;
        this.refusals = refusals;
        this.accounts = accounts;
        this.events = events;
        this.matcher = new SingleSignOnAccounts(accounts, properties);
        this.gate = new SingleSignOnGate(registrations, refusals);
        this.onwards.setDefaultTargetUrl("/");
    }

    @Override
    public void customize(HttpSecurity http) {
        http.addFilterBefore(gate, OAuth2AuthorizationRequestRedirectFilter.class);
        http.oauth2Login(login -> login
                .loginPage("/login")
                .clientRegistrationRepository(registrations)
                .authorizedClientRepository(new NoAuthorizedClients())
                // the provider's token is not what the session holds: completed() saves the signed-in person
                .securityContextRepository(new NullSecurityContextRepository())
                .userInfoEndpoint(userInfo -> userInfo.oidcUserService(matcher))
                .successHandler(this::succeeded)
                .failureHandler(this::failed)
                .withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
                    @Override
                    public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
                        filter.setAuthenticationFailureHandler(SingleSignOn.this::failed);
                        return filter;
                    }
                }));
    }

    private void succeeded(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException, ServletException {
        SingleSignOnProvider provider = gate.providerOf(request).orElseThrow();
        SingleSignOnAccounts.Matched matched = (SingleSignOnAccounts.Matched) authentication.getPrincipal();
        holder.clearContext();
        Account account = accounts.find(matched.accountId()).orElse(null);
        if (account == null) {
            refusals.refuse(request, response, provider, "UNKNOWN_ACCOUNT", null, null);
            return;
        }
        completed(request, response, provider, account);
    }

    /**
     * Every successful single sign-on ends here, with the account it matched (active, not a guest): the session,
     * already given a new id, now holds the person signed in with {@link SignInMethod#SSO}. The provider's sign-in
     * counts as a first factor, as a password does: a person with an authenticator app completes it with a code.
     */
    void completed(HttpServletRequest request, HttpServletResponse response, SingleSignOnProvider provider,
                   Account account) throws IOException, ServletException {
        if (secondStep.required(account)) {
            // nobody is signed in until the code completes it; as with a password, the event log records it then
            contexts.saveContext(holder.createEmptyContext(), request, response);
            secondStep.begin(request, response, account, SignInMethod.SSO);
            return;
        }
        CurrentUser user = CurrentUser.of(account, SignInMethod.SSO, null, null, clock.instant());
        Authentication authentication = UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities());
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(authentication);
        holder.setContext(context);
        contexts.saveContext(context, request, response);
        events.publishEvent(new SingleSignOnAttempted(provider.id(), account.id(), true, null, null));
        onwards.onAuthenticationSuccess(request, response, authentication);
    }

    private void failed(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        holder.clearContext();
        SingleSignOnProvider provider = gate.providerOf(request).orElse(null);
        if (e instanceof SingleSignOnAccounts.Refused refused) {
            refusals.refuse(request, response, provider, refused.reason(), refused.accountId(), null);
            return;
        }
        if (e instanceof OAuth2AuthenticationException oauth) {
            String code = oauth.getError().getErrorCode();
            String reason = switch (code) {
                case "authorization_request_not_found", "invalid_state_parameter" -> "STATE_MISMATCH";
                case "client_registration_not_found" -> "PROVIDER_OFF";
                case "invalid_request" -> "INVALID_CALLBACK";
                case "access_denied" -> "DENIED_AT_PROVIDER";
                default -> "PROVIDER_ERROR";
            };
            refusals.refuse(request, response, provider, reason, null, code);
            return;
        }
        refusals.refuse(request, response, provider, "PROVIDER_UNAVAILABLE", null, null);
    }
}
