package org.helpdesk.mfa;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.helpdesk.passes.ServerKeys;
import org.springframework.stereotype.Component;

/**
 * Encrypts authenticator-app secrets at rest: AES-256-GCM under a key derived from the server pepper, which is
 * never in the database, with a random 96-bit nonce per secret and the account id as associated data, so a
 * stolen database yields no secret and a secret copied to another account's row does not decrypt.
 * Stored form: {@code aes256gcm$<nonce>$<ciphertext and tag>}, both base64.
 */
@Component
class SecretCipher {

    private static final String PREFIX = "aes256gcm$";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random;

    SecretCipher(ServerKeys keys, SecureRandom random) {
        this.key = new SecretKeySpec(keys.keyFor("authenticator-app-secrets"), "AES");
        this.random = random;
    }

    String encrypt(long accountId, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, accountId, nonce, secret.getBytes(StandardCharsets.US_ASCII));
        return PREFIX + b64(nonce) + "$" + b64(sealed);
    }

    String decrypt(long accountId, String stored) {
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalStateException("Unknown secret encryption");
        }
        String[] parts = stored.substring(PREFIX.length()).split("\\$");
        Base64.Decoder decoder = Base64.getDecoder();
        return new String(run(Cipher.DECRYPT_MODE, accountId, decoder.decode(parts[0]), decoder.decode(parts[1])),
                StandardCharsets.US_ASCII);
    }

    private byte[] run(int mode, long accountId, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(("account:" + accountId).getBytes(StandardCharsets.US_ASCII));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt or decrypt an authenticator-app secret", e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
