package org.helpdesk.signin;

import java.time.Clock;

import org.helpdesk.accounts.Accounts;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ThrottleProperties.class, SessionProperties.class, SingleSignOnProperties.class})
class SignInConfiguration {

    /**
     * The application's one AuthenticationManager: email and password. Being a bean, it is the form login's
     * manager, each attempt goes through the provider once, and no generated default user is ever made.
     */
    @Bean
    AuthenticationManager passwordAuthentication(Accounts accounts, PasswordEncoder encoder,
                                                 ApplicationEventPublisher events, SignInThrottle throttle,
                                                 SecondStep secondStep, Clock clock) {
        return new ProviderManager(
                new PasswordAuthenticationProvider(accounts, encoder, events, throttle, secondStep, clock));
    }

    /**
     * Single sign-on keeps no provider tokens ({@link NoAuthorizedClients}) and the service never calls a provider on
     * anyone's behalf, so there is never an authorized client to hand out. Without this bean Spring Security builds a
     * manager for every grant type, each with its own HTTP client and idle selector thread, none of them ever used.
     */
    @Bean
    OAuth2AuthorizedClientManager noAuthorizedClients() {
        return request -> null;
    }
}
