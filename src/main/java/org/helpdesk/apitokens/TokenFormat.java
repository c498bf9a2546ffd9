package org.helpdesk.apitokens;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * What an API token looks like: {@code hdtap_}, 256 random bits in base62 (43 characters) and a CRC32 checksum
 * of them in base62 (6 characters), 55 characters in all. The prefix lets secret scanners find a leaked token and
 * the checksum lets them, and this service, tell a token from a look-alike without a database. Only the SHA-256
 * hash of a token is stored: with 256 random bits, a fast hash is all that is needed.
 */
final class TokenFormat {

    static final String PREFIX = "hdtap_";
    static final int RANDOM_BYTES = 32;
    static final int BODY_LENGTH = 43;
    static final int CHECKSUM_LENGTH = 6;
    static final int LENGTH = PREFIX.length() + BODY_LENGTH + CHECKSUM_LENGTH;
    /** How much of a token its owner sees again in the list: the prefix and four characters. */
    static final int SHOWN_LENGTH = PREFIX.length() + 4;

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final BigInteger SIXTY_TWO = BigInteger.valueOf(62);

    private TokenFormat() {
    }

    static String generate(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String body = base62(new BigInteger(1, bytes), BODY_LENGTH);
        return PREFIX + body + checksum(body);
    }

    /** Whether the text has the shape and checksum of a token; anything else is refused before any lookup. */
    static boolean wellFormed(String token) {
        if (token == null || token.length() != LENGTH || !token.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            if (BASE62.indexOf(token.charAt(i)) < 0) {
                return false;
            }
        }
        String body = token.substring(PREFIX.length(), PREFIX.length() + BODY_LENGTH);
        return checksum(body).equals(token.substring(PREFIX.length() + BODY_LENGTH));
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String shown(String token) {
        return token.substring(0, SHOWN_LENGTH);
    }

    private static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return base62(BigInteger.valueOf(crc.getValue()), CHECKSUM_LENGTH);
    }

    private static String base62(BigInteger value, int length) {
        char[] out = new char[length];
        BigInteger rest = value;
        for (int i = length - 1; i >= 0; i--) {
            BigInteger[] division = rest.divideAndRemainder(SIXTY_TWO);
            out[i] = BASE62.charAt(division[1].intValue());
            rest = division[0];
        }
        return new String(out);
    }
}
