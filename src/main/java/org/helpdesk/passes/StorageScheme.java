package org.helpdesk.passes;

/**
 * How a pass's verifier is stored (spec 4.4, NIST SP 800-63B 5.1.2.2). A pass of at least 112 bits cannot be
 * guessed, so a keyed hash suffices; a shorter one also gets a per-pass salt and a password-hashing scheme.
 * Both are keyed with the pepper, which lives outside the database. Pages describe each scheme with the
 * message {@code storage.<name>}.
 */
public enum StorageScheme {
    HMAC_SHA256,
    PBKDF2_SHA256;

    public static final double KEYED_HASH_MINIMUM_BITS = 112;

    public static StorageScheme forEntropy(double bits) {
        return bits >= KEYED_HASH_MINIMUM_BITS ? HMAC_SHA256 : PBKDF2_SHA256;
    }
}
