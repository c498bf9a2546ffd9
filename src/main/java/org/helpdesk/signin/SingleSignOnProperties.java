package org.helpdesk.signin;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the service is registered with each OpenID Connect provider. Nothing here is looked up at start-up: the
 * provider's endpoints are discovered from the issuer at the first sign-in, so the service starts without it.
 */
@ConfigurationProperties("helpdesk.sso")
record SingleSignOnProperties(Provider google, Provider microsoft) {

    SingleSignOnProperties {
        google = google == null ? Provider.NONE : google;
        microsoft = microsoft == null ? Provider.NONE : microsoft;
    }

    Provider of(SingleSignOnProvider provider) {
        return provider == SingleSignOnProvider.GOOGLE ? google : microsoft;
    }

    /**
     * @param verifiedEmailDomains domains whose addresses are taken as verified when the ID token says nothing
     *                             either way (neither {@code email_verified} nor {@code xms_edov}); see README
     */
    record Provider(String clientId, String clientSecret, String issuerUri, List<String> verifiedEmailDomains) {

        static final Provider NONE = new Provider(null, null, null, List.of());

        Provider {
            verifiedEmailDomains = verifiedEmailDomains == null ? List.of() : verifiedEmailDomains.stream()
                    .map(d -> d.strip().toLowerCase(Locale.ROOT)).filter(d -> !d.isEmpty()).toList();
        }

        boolean configured() {
            return present(clientId) && present(clientSecret) && present(issuerUri);
        }

        private static boolean present(String value) {
            return value != null && !value.isBlank();
        }

        /** Never the secret: this may end up in a log. */
        @Override
        public String toString() {
            return "Provider[clientId=" + clientId + ", clientSecret=" + (present(clientSecret) ? "(set)" : "(not set)")
                    + ", issuerUri=" + issuerUri + ", verifiedEmailDomains=" + verifiedEmailDomains + "]";
        }
    }
}
