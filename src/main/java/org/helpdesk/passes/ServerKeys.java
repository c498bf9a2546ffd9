package org.helpdesk.passes;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Keys for other modules, derived from the server pepper so that there is still one server secret to keep: the
 * key for a purpose is HMAC-SHA-256(pepper, "helpdesk key: " + purpose) (an HKDF-Expand of one block). Keys for
 * different purposes are unrelated, and none reveals the pepper.
 */
@Component
public class ServerKeys {

    private final SecretKeySpec pepper;

    ServerKeys(PassesProperties properties, SecureRandom random) {
        this.pepper = new SecretKeySpec(Pepper.load(properties, random).key(), "HmacSHA256");
    }

    /** A 256-bit key for one purpose, such as "authenticator-app-secrets". */
    public byte[] keyFor(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pepper);
            return mac.doFinal(("helpdesk key: " + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
