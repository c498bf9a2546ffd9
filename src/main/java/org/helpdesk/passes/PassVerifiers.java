package org.helpdesk.passes;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Makes and checks the stored form of a pass (spec 4.4). A verifier names its scheme, so passes made under an
 * older work factor keep working:
 * <ul>
 * <li>{@code hmac-sha256$<hmac>}: HMAC-SHA-256(pepper, pass), for passes of 112 bits or more;</li>
 * <li>{@code pbkdf2-sha256$<iterations>$<salt>$<hash>}: PBKDF2-HMAC-SHA-256 over HMAC-SHA-256(pepper, pass)
 * with a random 128-bit salt, for shorter passes.</li>
 * </ul>
 * Comparison is constant-time.
 */
@Component
class PassVerifiers {

    private static final String HMAC = "HmacSHA256";
    private static final String HMAC_PREFIX = "hmac-sha256$";
    private static final String PBKDF2_PREFIX = "pbkdf2-sha256$";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final SecretKeySpec pepper;
    private final SecureRandom random;
    private final int iterations;
    /** Made beside the rest of the start-up rather than in its way; every dummy check waits for it. */
    private final CompletableFuture<String> dummyVerifier;
    private final byte[] dummyKeyed;
    private final AtomicLong slowChecks = new AtomicLong();

    PassVerifiers(PassesProperties properties, SecureRandom random) {
        this.pepper = new SecretKeySpec(Pepper.load(properties, random).key(), HMAC);
        this.random = random;
        this.iterations = properties.hashIterations();
        if (iterations < 1000) {
            throw new IllegalStateException("helpdesk.passes.hash-iterations must be at least 1000");
        }
        this.dummyVerifier = CompletableFuture.supplyAsync(() -> create("0000000000", StorageScheme.PBKDF2_SHA256));
        this.dummyKeyed = hmac("0000000000");
    }

    String create(String normalizedPass, StorageScheme scheme) {
        byte[] keyed = hmac(normalizedPass);
        if (scheme == StorageScheme.HMAC_SHA256) {
            return HMAC_PREFIX + b64(keyed);
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return PBKDF2_PREFIX + iterations + "$" + b64(salt) + "$" + b64(pbkdf2(keyed, salt, iterations));
    }

    boolean matches(String normalizedPass, String verifier) {
        byte[] keyed = hmac(normalizedPass);
        if (verifier.startsWith(HMAC_PREFIX)) {
            return MessageDigest.isEqual(keyed, Base64.getDecoder().decode(verifier.substring(HMAC_PREFIX.length())));
        }
        if (verifier.startsWith(PBKDF2_PREFIX)) {
            slowChecks.incrementAndGet();
            String[] parts = verifier.substring(PBKDF2_PREFIX.length()).split("\\$");
            byte[] expected = Base64.getDecoder().decode(parts[2]);
            byte[] actual = pbkdf2(keyed, Base64.getDecoder().decode(parts[1]), Integer.parseInt(parts[0]));
            return MessageDigest.isEqual(expected, actual);
        }
        throw new IllegalStateException("Unknown pass verifier scheme");
    }

    /** The work of one slow check, for paths that have no pass to check, so that they take as long. */
    void dummyCheck(String anything) {
        matches(anything == null ? "" : anything, dummyVerifier.join());
    }

    /** The work of one check under the keyed hash alone, for paths that have no such pass to check. */
    void dummyKeyedCheck(String anything) {
        MessageDigest.isEqual(hmac(anything == null ? "" : anything), dummyKeyed);
    }

    /** How many slow hashes this instance has done to check passes, real and stand-in. */
    long slowChecks() {
        return slowChecks.get();
    }

    static StorageScheme schemeOf(String verifier) {
        return verifier.startsWith(HMAC_PREFIX) ? StorageScheme.HMAC_SHA256 : StorageScheme.PBKDF2_SHA256;
    }

    private byte[] hmac(String normalizedPass) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(pepper);
            return mac.doFinal(normalizedPass.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] pbkdf2(byte[] keyed, byte[] salt, int iterations) {
        return Pbkdf2.sha256(b64(keyed).getBytes(StandardCharsets.US_ASCII), salt, iterations);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
