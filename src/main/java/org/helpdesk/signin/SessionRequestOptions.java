package org.helpdesk.signin;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialDescriptor;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.authentication.PublicKeyCredentialRequestOptionsRepository;

/**
 * Keeps the options of a passkey sign-in (above all its challenge) in the HTTP session as a small serializable
 * record, so that they survive the database session store and reach whichever instance receives the answer.
 * Used once: loading them takes them out of the session, so a challenge answers one attempt only.
 */
class SessionRequestOptions implements PublicKeyCredentialRequestOptionsRepository {

    static final String ATTRIBUTE = SessionRequestOptions.class.getName() + ".options";

    /** What the sign-in check reads back: challenge, relying party id, user verification and allowed ids. */
    record Stored(String challenge, String rpId, String userVerification, long timeoutMillis,
                  List<String> allowCredentials) implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        static Stored of(PublicKeyCredentialRequestOptions options) {
            return new Stored(options.getChallenge().toBase64UrlString(), options.getRpId(),
                    options.getUserVerification() == null ? null : options.getUserVerification().getValue(),
                    options.getTimeout() == null ? 0 : options.getTimeout().toMillis(),
                    options.getAllowCredentials() == null ? List.of()
                            : options.getAllowCredentials().stream().map(c -> c.getId().toBase64UrlString()).toList());
        }

        PublicKeyCredentialRequestOptions toOptions() {
            var builder = PublicKeyCredentialRequestOptions.builder()
                    .challenge(Bytes.fromBase64(challenge))
                    .rpId(rpId)
                    .allowCredentials(allowCredentials.stream()
                            .map(id -> PublicKeyCredentialDescriptor.builder().id(Bytes.fromBase64(id)).build())
                            .toList());
            if (userVerification != null) {
                builder.userVerification(SessionCreationOptions.userVerification(userVerification));
            }
            if (timeoutMillis > 0) {
                builder.timeout(Duration.ofMillis(timeoutMillis));
            }
            return builder.build();
        }
    }

    @Override
    public void save(HttpServletRequest request, HttpServletResponse response, PublicKeyCredentialRequestOptions options) {
        SessionOnce.put(request, ATTRIBUTE, options == null ? null : Stored.of(options));
    }

    @Override
    public PublicKeyCredentialRequestOptions load(HttpServletRequest request) {
        Stored stored = SessionOnce.take(request, ATTRIBUTE, Stored.class);
        return stored == null ? null : stored.toOptions();
    }
}
