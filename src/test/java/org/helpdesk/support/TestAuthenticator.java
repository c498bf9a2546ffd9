package org.helpdesk.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A passkey authenticator in the test: an ES256 key pair and a discoverable credential, answering the options the
 * service sends with the JSON a browser's script would post ("none" attestation, user present and verified).
 */
public final class TestAuthenticator {

    public static final String DEFAULT_ORIGIN = "http://localhost:8080";
    public static final String DEFAULT_RP_ID = "localhost";

    private static final byte UP = 0x01;
    private static final byte UV = 0x04;
    private static final byte AT = 0x40;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ObjectConverter CONVERTER = new ObjectConverter();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keys;
    private final byte[] credentialId = new byte[32];
    private final String origin;
    private String userHandle;
    private long signCount;
    private boolean verifiesUser = true;

    public TestAuthenticator() {
        this(DEFAULT_ORIGIN);
    }

    public TestAuthenticator(String origin) {
        this.origin = origin;
        RANDOM.nextBytes(credentialId);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** From now on answers without the user verified (flag UV off), as an authenticator without a PIN would. */
    public TestAuthenticator withoutUserVerification() {
        verifiesUser = false;
        return this;
    }

    public String credentialId() {
        return b64(credentialId);
    }

    public String userHandle() {
        return userHandle;
    }

    /** The body of {@code POST /webauthn/register} for the given creation options (the JSON the service sent). */
    public String register(String optionsJson, String label) {
        JsonNode options = JSON.readTree(optionsJson);
        userHandle = options.path("user").path("id").stringValue();
        String rpId = options.path("rp").path("id").stringValue();
        byte[] clientData = clientData("webauthn.create", options.path("challenge").stringValue());
        AttestedCredentialData credential = new AttestedCredentialData(new AAGUID(new byte[16]), credentialId,
                EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256));
        AuthenticatorData<com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput> data =
                new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)), flags(AT), signCount, credential);
        byte[] attestation = new AttestationObjectConverter(CONVERTER)
                .convertToBytes(new AttestationObject(data, new NoneAttestationStatement()));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("attestationObject", b64(attestation));
        response.put("clientDataJSON", b64(clientData));
        response.put("transports", List.of("internal"));
        Map<String, Object> publicKeyCredential = new LinkedHashMap<>();
        publicKeyCredential.put("id", credentialId());
        publicKeyCredential.put("rawId", credentialId());
        publicKeyCredential.put("response", response);
        publicKeyCredential.put("type", "public-key");
        publicKeyCredential.put("clientExtensionResults", Map.of());
        publicKeyCredential.put("authenticatorAttachment", "platform");
        Map<String, Object> publicKey = new LinkedHashMap<>();
        publicKey.put("credential", publicKeyCredential);
        publicKey.put("label", label);
        return JSON.writeValueAsString(Map.of("publicKey", publicKey));
    }

    /** The body of {@code POST /login/webauthn} for the given request options (the JSON the service sent). */
    public String signIn(String optionsJson) {
        JsonNode options = JSON.readTree(optionsJson);
        String rpId = options.path("rpId").isMissingNode() ? DEFAULT_RP_ID : options.path("rpId").stringValue();
        byte[] clientData = clientData("webauthn.get", options.path("challenge").stringValue());
        signCount++;
        byte[] authenticatorData = new AuthenticatorDataConverter(CONVERTER).convert(
                new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)), flags((byte) 0), signCount));
        byte[] signed = new byte[authenticatorData.length + 32];
        System.arraycopy(authenticatorData, 0, signed, 0, authenticatorData.length);
        System.arraycopy(sha256(clientData), 0, signed, authenticatorData.length, 32);
        byte[] signature;
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initSign(keys.getPrivate());
            ecdsa.update(signed);
            signature = ecdsa.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("authenticatorData", b64(authenticatorData));
        response.put("clientDataJSON", b64(clientData));
        response.put("signature", b64(signature));
        response.put("userHandle", userHandle);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", credentialId());
        body.put("rawId", credentialId());
        body.put("response", response);
        body.put("credType", "public-key");
        body.put("clientExtensionResults", Map.of());
        body.put("authenticatorAttachment", "platform");
        return JSON.writeValueAsString(body);
    }

    private byte flags(byte extra) {
        return (byte) (UP | (verifiesUser ? UV : 0) | extra);
    }

    private byte[] clientData(String type, String challenge) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", type);
        data.put("challenge", challenge);
        data.put("origin", origin);
        data.put("crossOrigin", false);
        return JSON.writeValueAsString(data).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
