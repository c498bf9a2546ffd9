package org.helpdesk.passes;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * PBKDF2-HMAC-SHA-256 (RFC 8018) for one 32-byte block. The same function as the JDK's
 * {@code PBKDF2WithHmacSHA256}, but the HMAC's inner and outer pads are hashed once per call instead of once per
 * iteration, which halves the SHA-256 work of every iteration. Attackers make this saving anyway, so it costs the
 * stored verifiers nothing; it only makes each sign-in cheaper for the service.
 */
final class Pbkdf2 {

    private static final int BLOCK = 64;
    private static final int LENGTH = 32;

    private Pbkdf2() {
    }

    static byte[] sha256(byte[] password, byte[] salt, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations");
        }
        MessageDigest inner = sha256();
        MessageDigest outer = sha256();
        byte[] key = password.length > BLOCK ? sha256().digest(password) : password;
        byte[] pad = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            pad[i] = (byte) ((i < key.length ? key[i] : 0) ^ 0x36);
        }
        inner.update(pad);
        for (int i = 0; i < BLOCK; i++) {
            pad[i] = (byte) ((i < key.length ? key[i] : 0) ^ 0x5c);
        }
        outer.update(pad);

        MessageDigest step = copy(inner);
        step.update(salt);
        step.update(new byte[] {0, 0, 0, 1});
        byte[] u = finish(outer, step.digest());
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            step = copy(inner);
            step.update(u);
            u = finish(outer, step.digest());
            for (int j = 0; j < LENGTH; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    private static byte[] finish(MessageDigest outer, byte[] innerHash) {
        MessageDigest step = copy(outer);
        step.update(innerHash);
        return step.digest();
    }

    private static MessageDigest copy(MessageDigest started) {
        try {
            return (MessageDigest) started.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
