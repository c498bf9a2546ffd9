package org.helpdesk.passes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.junit.jupiter.api.Test;

class Pbkdf2Tests {

    @Test
    void givesTheTestVectorsOfRfc7914() {
        assertThat(hex(Pbkdf2.sha256(ascii("passwd"), ascii("salt"), 1)))
                .isEqualTo("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
        assertThat(hex(Pbkdf2.sha256(ascii("Password"), ascii("NaCl"), 80_000)))
                .isEqualTo("4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56");
    }

    @Test
    void givesWhatTheJdkGivesForAnyPasswordSaltAndIterations() throws Exception {
        Random random = new Random(42);
        SecretKeyFactory jdk = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        for (int round = 0; round < 40; round++) {
            // keys shorter than, equal to and longer than the 64-byte HMAC block
            char[] password = new char[1 + random.nextInt(100)];
            for (int i = 0; i < password.length; i++) {
                password[i] = (char) ('!' + random.nextInt(90));
            }
            byte[] salt = new byte[1 + random.nextInt(32)];
            random.nextBytes(salt);
            int iterations = 1 + random.nextInt(3000);
            byte[] expected = jdk.generateSecret(new PBEKeySpec(password, salt, iterations, 256)).getEncoded();
            assertThat(Pbkdf2.sha256(new String(password).getBytes(StandardCharsets.US_ASCII), salt, iterations))
                    .isEqualTo(expected);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
