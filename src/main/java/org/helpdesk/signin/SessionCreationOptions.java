package org.helpdesk.signin;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.webauthn.api.AttestationConveyancePreference;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialParameters;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsRepository;

/**
 * Keeps the options of a passkey registration in the HTTP session as a small serializable record, so that they
 * survive the database session store and reach whichever instance receives the answer. Used once: loading them
 * takes them out of the session.
 */
class SessionCreationOptions implements PublicKeyCredentialCreationOptionsRepository {

    static final String ATTRIBUTE = SessionCreationOptions.class.getName() + ".options";

    /** What the registration check reads back: challenge, relying party, user, algorithms and requirements. */
    record Stored(String challenge, String rpId, String rpName, String userId, String userName,
                  String userDisplayName, List<Long> algorithms, long timeoutMillis, String residentKey,
                  String userVerification, String attestation) implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        static Stored of(PublicKeyCredentialCreationOptions options) {
            AuthenticatorSelectionCriteria selection = options.getAuthenticatorSelection();
            return new Stored(options.getChallenge().toBase64UrlString(), options.getRp().getId(),
                    options.getRp().getName(), options.getUser().getId().toBase64UrlString(),
                    options.getUser().getName(), options.getUser().getDisplayName(),
                    options.getPubKeyCredParams().stream().map(p -> p.getAlg().getValue()).toList(),
                    options.getTimeout() == null ? 0 : options.getTimeout().toMillis(),
                    selection == null || selection.getResidentKey() == null ? null : selection.getResidentKey().getValue(),
                    selection == null || selection.getUserVerification() == null ? null
                            : selection.getUserVerification().getValue(),
                    options.getAttestation() == null ? null : options.getAttestation().getValue());
        }

        PublicKeyCredentialCreationOptions toOptions() {
            var selection = AuthenticatorSelectionCriteria.builder();
            if (residentKey != null) {
                selection.residentKey(ResidentKeyRequirement.valueOf(residentKey));
            }
            if (userVerification != null) {
                selection.userVerification(SessionCreationOptions.userVerification(userVerification));
            }
            var builder = PublicKeyCredentialCreationOptions.builder()
                    .rp(PublicKeyCredentialRpEntity.builder().id(rpId).name(rpName).build())
                    .user(ImmutablePublicKeyCredentialUserEntity.builder().id(Bytes.fromBase64(userId))
                            .name(userName).displayName(userDisplayName).build())
                    .challenge(Bytes.fromBase64(challenge))
                    .pubKeyCredParams(algorithms.stream().map(Stored::parameters).toList())
                    .authenticatorSelection(selection.build())
                    .excludeCredentials(List.of());
            if (timeoutMillis > 0) {
                builder.timeout(Duration.ofMillis(timeoutMillis));
            }
            if (attestation != null) {
                builder.attestation(AttestationConveyancePreference.valueOf(attestation));
            }
            return builder.build();
        }

        private static PublicKeyCredentialParameters parameters(long algorithm) {
            for (PublicKeyCredentialParameters known : List.of(PublicKeyCredentialParameters.ES256,
                    PublicKeyCredentialParameters.EdDSA, PublicKeyCredentialParameters.ES384,
                    PublicKeyCredentialParameters.ES512, PublicKeyCredentialParameters.RS256,
                    PublicKeyCredentialParameters.RS384, PublicKeyCredentialParameters.RS512,
                    PublicKeyCredentialParameters.RS1)) {
                if (known.getAlg().getValue() == algorithm) {
                    return known;
                }
            }
            throw new IllegalStateException("Unknown COSE algorithm " + algorithm);
        }
    }

    static UserVerificationRequirement userVerification(String value) {
        return switch (value) {
            case "required" -> UserVerificationRequirement.REQUIRED;
            case "discouraged" -> UserVerificationRequirement.DISCOURAGED;
            default -> UserVerificationRequirement.PREFERRED;
        };
    }

    @Override
    public void save(HttpServletRequest request, HttpServletResponse response, PublicKeyCredentialCreationOptions options) {
        SessionOnce.put(request, ATTRIBUTE, options == null ? null : Stored.of(options));
    }

    @Override
    public PublicKeyCredentialCreationOptions load(HttpServletRequest request) {
        Stored stored = SessionOnce.take(request, ATTRIBUTE, Stored.class);
        return stored == null ? null : stored.toOptions();
    }
}
