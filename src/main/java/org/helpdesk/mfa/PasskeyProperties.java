package org.helpdesk.mfa;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The WebAuthn relying party: its id (the host name passkeys are bound to), the name authenticators show, and
 * the origins the browser may report. The defaults fit the service run locally on http://localhost:8080.
 */
@ConfigurationProperties("helpdesk.passkeys")
public record PasskeyProperties(@DefaultValue("localhost") String rpId,
                                @DefaultValue("Helpdesk") String rpName,
                                @DefaultValue("http://localhost:8080") List<String> allowedOrigins) {
}
