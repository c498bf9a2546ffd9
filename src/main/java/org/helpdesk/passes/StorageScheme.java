package org.helpdesk.passes;

/**
 * How a pass's verifier is stored (spec 4.4, NIST SP 800-63B 5.1.2.2). A pass of at least 112 bits cannot be
 * guessed, so a keyed hash suffices; a shorter one also gets a per-pass salt and a password-hashing scheme.
 * Both are keyed with the pepper, which lives outside the database.
 */
public enum StorageScheme {
    HMAC_SHA256("HMAC-SHA-256 keyed with the pepper"),
    PBKDF2_SHA256("PBKDF2-HMAC-SHA-256 with a per-pass 128-bit salt, over HMAC-SHA-256 keyed with the pepper");

    public static final double KEYED_HASH_MINIMUM_BITS = 112;

    private final String description;

    StorageScheme(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public static StorageScheme forEntropy(double bits) {
        return bits >= KEYED_HASH_MINIMUM_BITS ? HMAC_SHA256 : PBKDF2_SHA256;
    }
}
