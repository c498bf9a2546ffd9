package org.helpdesk.mfa;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.OptionalLong;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.qr.QrData;
import org.apache.commons.codec.binary.Base32;
import org.springframework.stereotype.Component;

/**
 * RFC 6238 codes as every authenticator app makes them by default: HMAC-SHA-1, 6 digits, 30-second steps. A code
 * of the step before or after the current one is accepted too, for clocks a little off (RFC 6238 section 5.2).
 */
@Component
class TotpCodes {

    static final String ISSUER = "Helpdesk TAP";
    static final int DIGITS = 6;
    static final int PERIOD_SECONDS = 30;
    static final int ALLOWED_STEPS = 1;
    /** 160 bits, the length of an HMAC-SHA-1 key (RFC 4226 section 4). */
    private static final int SECRET_BYTES = 20;

    private final CodeGenerator generator = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);
    private final SecureRandom random;
    private final Clock clock;

    TotpCodes(SecureRandom random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    /** A new secret, in the Base32 form apps read (RFC 4648, no padding). */
    String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return new Base32().encodeToString(bytes).replace("=", "");
    }

    /** The step, within the allowed window around now, whose code was typed; empty when it is no such code. */
    OptionalLong matchingStep(String secret, String typed) {
        String code = normalize(typed);
        if (code == null) {
            return OptionalLong.empty();
        }
        long now = Math.floorDiv(clock.instant().getEpochSecond(), PERIOD_SECONDS);
        OptionalLong match = OptionalLong.empty();
        for (long step = now - ALLOWED_STEPS; step <= now + ALLOWED_STEPS; step++) {
            if (MessageDigest.isEqual(codeAt(secret, step).getBytes(StandardCharsets.US_ASCII),
                    code.getBytes(StandardCharsets.US_ASCII))) {
                match = OptionalLong.of(step);
            }
        }
        return match;
    }

    private String codeAt(String secret, long step) {
        try {
            return generator.generate(secret, step);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException("Could not compute a code", e);
        }
    }

    /** Six digits, once spaces and hyphens are dropped; null when the input is anything else. */
    static String normalize(String typed) {
        if (typed == null || typed.length() > 32) {
            return null;
        }
        String code = typed.replaceAll("[\\s-]", "");
        return code.length() == DIGITS && code.chars().allMatch(c -> c >= '0' && c <= '9') ? code : null;
    }

    /** The otpauth URI (Google Authenticator's Key Uri Format) that the QR code carries. */
    static String uri(String secret, String email) {
        return new QrData.Builder().label(ISSUER + ":" + email).secret(secret).issuer(ISSUER)
                .algorithm(HashingAlgorithm.SHA1).digits(DIGITS).period(PERIOD_SECONDS).build().getUri();
    }

    /** The secret in groups of four, for typing it into an app by hand. */
    static String grouped(String secret) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < secret.length(); i += 4) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(secret, i, Math.min(secret.length(), i + 4));
        }
        return out.toString();
    }
}
