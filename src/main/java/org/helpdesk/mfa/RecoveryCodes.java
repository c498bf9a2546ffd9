package org.helpdesk.mfa;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import org.helpdesk.passes.PassesProperties;
import org.helpdesk.passes.ServerKeys;
import org.helpdesk.system.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One-time recovery codes (NIST SP 800-63B 5.1.2, look-up secrets). A code is 12 characters from 31 that cannot be
 * mistaken for one another (about 59 bits), shown as {@code XXXX-XXXX-XXXX}. Being under 112 bits, each is stored
 * only as a salted slow hash of a peppered value: PBKDF2-HMAC-SHA-256 over HMAC-SHA-256(key, code), with a random
 * 128-bit salt and the passes' work factor, the key derived from the server pepper. A code is spent by one
 * conditional update, so it is accepted once even when sent twice at the same moment.
 */
@Component
class RecoveryCodes {

    static final int COUNT = 10;
    static final int LENGTH = 12;
    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final String PREFIX = "pbkdf2-sha256$";
    private static final int SALT_BYTES = 16;

    private final JdbcClient jdbc;
    private final SecretKeySpec key;
    private final int iterations;
    private final SecureRandom random;
    private final Clock clock;

    RecoveryCodes(JdbcClient jdbc, ServerKeys keys, PassesProperties properties, SecureRandom random, Clock clock) {
        this.jdbc = jdbc;
        this.key = new SecretKeySpec(keys.keyFor("recovery-codes"), "HmacSHA256");
        this.iterations = properties.hashIterations();
        this.random = random;
        this.clock = clock;
    }

    /** Replaces all the account's codes with new ones, returned for showing once. */
    List<String> replace(long accountId) {
        jdbc.sql("delete from recovery_codes where account_id = :id").param("id", accountId).update();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            String code = newCode();
            jdbc.sql("insert into recovery_codes (account_id, verifier, created_at) values (:id, :verifier, :now)")
                    .param("id", accountId).param("verifier", verifier(code))
                    .param("now", Timestamps.of(clock.instant())).update();
            codes.add(code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8));
        }
        return codes;
    }

    void deleteAll(long accountId) {
        jdbc.sql("delete from recovery_codes where account_id = :id").param("id", accountId).update();
    }

    int left(long accountId) {
        return jdbc.sql("select count(*) from recovery_codes where account_id = :id and used_at is null")
                .param("id", accountId).query(Integer.class).single();
    }

    /** Spends the typed code if it is one of the account's unused codes; false otherwise, or if spent meanwhile. */
    boolean spend(long accountId, String typed) {
        String code = normalize(typed);
        List<Row> unused = jdbc.sql("select id, verifier from recovery_codes where account_id = :id and used_at is null")
                .param("id", accountId).query((rs, n) -> new Row(rs.getLong("id"), rs.getString("verifier"))).list();
        if (code == null) {
            return false;
        }
        for (Row row : unused) {
            if (matches(code, row.verifier())) {
                return jdbc.sql("update recovery_codes set used_at = :now where id = :id and used_at is null")
                        .param("now", Timestamps.of(clock.instant())).param("id", row.id()).update() == 1;
            }
        }
        return false;
    }

    /** Upper case without spaces and hyphens; null unless it then has the form of a code. */
    static String normalize(String typed) {
        if (typed == null || typed.length() > 64) {
            return null;
        }
        String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        return code.length() == LENGTH && code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0) ? code : null;
    }

    private String newCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    private String verifier(String code) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return PREFIX + iterations + "$" + b64(salt) + "$" + b64(pbkdf2(code, salt, iterations));
    }

    private boolean matches(String code, String verifier) {
        String[] parts = verifier.substring(PREFIX.length()).split("\\$");
        Base64.Decoder decoder = Base64.getDecoder();
        return MessageDigest.isEqual(decoder.decode(parts[2]),
                pbkdf2(code, decoder.decode(parts[1]), Integer.parseInt(parts[0])));
    }

    private byte[] pbkdf2(String code, byte[] salt, int rounds) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            char[] keyed = b64(mac.doFinal(code.getBytes(StandardCharsets.US_ASCII))).toCharArray();
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(keyed, salt, rounds, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private record Row(long id, String verifier) {
    }
}
