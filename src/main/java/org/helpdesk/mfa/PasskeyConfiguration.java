package org.helpdesk.mfa;

import java.time.Clock;
import java.util.LinkedHashSet;

import org.helpdesk.accounts.Accounts;
import org.helpdesk.accounts.CurrentUser;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;

/**
 * Passkey storage and the WebAuthn relying party. Passkeys are discoverable (the authenticator keeps the account,
 * so signing in needs no email) and always ask the person to verify themselves (PIN, fingerprint, face).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PasskeyProperties.class)
class PasskeyConfiguration {

    @Bean
    PasskeyUserEntities passkeyUserEntities(JdbcClient jdbc, Clock clock) {
        return new PasskeyUserEntities(jdbc, clock);
    }

    @Bean
    PasskeyCredentials passkeyCredentials(JdbcOperations jdbc, PasskeyUserEntities users, Accounts accounts,
                                          ApplicationEventPublisher events) {
        return new PasskeyCredentials(new JdbcUserCredentialRepository(jdbc), users, accounts, events);
    }

    @Bean
    WebAuthnRelyingPartyOperations webAuthnRelyingParty(PasskeyProperties properties, PasskeyUserEntities users,
                                                       PasskeyCredentials credentials, Accounts accounts) {
        var operations = new Webauthn4JRelyingPartyOperations(users, credentials,
                PublicKeyCredentialRpEntity.builder().id(properties.rpId()).name(properties.rpName()).build(),
                new LinkedHashSet<>(properties.allowedOrigins()));
        operations.setCustomizeCreationOptions(options -> {
            options.authenticatorSelection(AuthenticatorSelectionCriteria.builder()
                    .residentKey(ResidentKeyRequirement.REQUIRED)
                    .userVerification(UserVerificationRequirement.REQUIRED)
                    .build());
            // what the authenticator shows in its list: the person's address and name, under the account's handle
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
                users.handleOf(user.id()).ifPresent(handle -> accounts.find(user.id()).ifPresent(account ->
                        options.user(ImmutablePublicKeyCredentialUserEntity.builder().id(handle)
                                .name(account.email()).displayName(account.displayName()).build())));
            }
        });
        operations.setCustomizeRequestOptions(options -> options.userVerification(UserVerificationRequirement.REQUIRED));
        return operations;
    }
}
