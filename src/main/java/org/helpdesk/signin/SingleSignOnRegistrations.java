package org.helpdesk.signin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.stereotype.Component;

/**
 * The OAuth 2.0 client registrations of the providers, built from configuration the first time each is used:
 * the provider's endpoints come from its OpenID Connect discovery document, fetched then and kept, so the service
 * starts and runs while a provider cannot be reached. A provider that is switched off or not configured has none.
 */
@Component
class SingleSignOnRegistrations implements ClientRegistrationRepository {

    static final String REDIRECT_URI = "{baseUrl}/login/oauth2/code/{registrationId}";

    private static final Logger log = LoggerFactory.getLogger(SingleSignOnRegistrations.class);

    private final SingleSignOnProperties properties;
    private final SingleSignOnSettings settings;
    private final Map<SingleSignOnProvider, ClientRegistration> discovered = new ConcurrentHashMap<>();

    SingleSignOnRegistrations(SingleSignOnProperties properties, SingleSignOnSettings settings) {
        this.properties = properties;
        this.settings = settings;
    }

    /** A button on the sign-in page: the provider's id and the label an admin gave it. */
    record Button(String provider, String label) {
    }

    /** The providers offered on the sign-in page: switched on and configured. */
    List<Button> buttons() {
        List<Button> buttons = new ArrayList<>();
        settings.all().forEach((provider, setting) -> {
            if (setting.enabled() && configured(provider)) {
                buttons.add(new Button(provider.id(), setting.buttonLabel()));
            }
        });
        return buttons;
    }

    boolean configured(SingleSignOnProvider provider) {
        return properties.of(provider).configured();
    }

    boolean offered(SingleSignOnProvider provider) {
        return configured(provider) && settings.of(provider).enabled();
    }

    /**
     * The provider's registration, discovering its endpoints if that has not been done yet.
     *
     * @throws ProviderUnavailableException when the discovery document cannot be fetched or does not fit
     */
    ClientRegistration registration(SingleSignOnProvider provider) {
        ClientRegistration known = discovered.get(provider);
        if (known != null) {
            return known;
        }
        SingleSignOnProperties.Provider config = properties.of(provider);
        try {
            ClientRegistration registration = ClientRegistrations.fromOidcIssuerLocation(config.issuerUri().strip())
                    .registrationId(provider.id())
                    .clientId(config.clientId().strip())
                    .clientSecret(config.clientSecret().strip())
                    .scope("openid", "email", "profile")
                    .redirectUri(REDIRECT_URI)
                    .userNameAttributeName(IdTokenClaimNames.SUB)
                    .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
                    .build();
            discovered.put(provider, registration);
            return registration;
        } catch (RuntimeException e) {
            // the message names the issuer and what went wrong, never the client secret
            log.warn("Single sign-on with {} is unavailable: its discovery document at {} could not be used: {}",
                    provider.id(), config.issuerUri(), e.getMessage());
            throw new ProviderUnavailableException(provider, e);
        }
    }

    /** Only for a provider that is offered now; null otherwise, which Spring Security treats as unknown. */
    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        SingleSignOnProvider provider = SingleSignOnProvider.byId(registrationId).orElse(null);
        if (provider == null || !offered(provider)) {
            return null;
        }
        return registration(provider);
    }

    static final class ProviderUnavailableException extends RuntimeException {

        ProviderUnavailableException(SingleSignOnProvider provider, Throwable cause) {
            super("Single sign-on provider " + provider.id() + " is unavailable", cause);
        }
    }
}
