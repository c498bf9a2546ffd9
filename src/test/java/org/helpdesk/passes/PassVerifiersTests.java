package org.helpdesk.passes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassVerifiersTests {

    private static final String PEPPER = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_PEPPER = Base64.getEncoder().encodeToString("another pepper of thirty-two bytes".getBytes());

    private static PassVerifiers verifiers(String pepper) {
        return new PassVerifiers(new PassesProperties(pepper, null, 1000, Duration.ofDays(30), 100, Duration.ofHours(1),
                Duration.ZERO),
                new SecureRandom());
    }

    @Test
    void shortPassesAreSaltedAndSlowHashedLongOnesKeyedHashed() {
        PassVerifiers v = verifiers(PEPPER);
        String slow = v.create("7KQ4M2XD9RTA", StorageScheme.PBKDF2_SHA256);
        String fast = v.create("7KQ4M2XD9RTA7KQ4M2XD9RTA", StorageScheme.HMAC_SHA256);
        assertThat(slow).startsWith("pbkdf2-sha256$1000$");
        assertThat(slow.split("\\$")[2]).as("salt").hasSize(24);
        assertThat(Base64.getDecoder().decode(slow.split("\\$")[2])).hasSize(16);
        assertThat(fast).startsWith("hmac-sha256$");
        assertThat(PassVerifiers.schemeOf(slow)).isEqualTo(StorageScheme.PBKDF2_SHA256);
        assertThat(PassVerifiers.schemeOf(fast)).isEqualTo(StorageScheme.HMAC_SHA256);
    }

    @Test
    void verifierNeverContainsThePass() {
        PassVerifiers v = verifiers(PEPPER);
        for (StorageScheme scheme : StorageScheme.values()) {
            assertThat(v.create("ABCDEFGHJKMN", scheme)).doesNotContain("ABCDEFGHJKMN").doesNotContain("ABCD");
        }
    }

    @Test
    void matchesOnlyTheSamePass() {
        PassVerifiers v = verifiers(PEPPER);
        for (StorageScheme scheme : StorageScheme.values()) {
            String verifier = v.create("7KQ4M2XD9RTA", scheme);
            assertThat(v.matches("7KQ4M2XD9RTA", verifier)).isTrue();
            assertThat(v.matches("7KQ4M2XD9RTB", verifier)).isFalse();
            assertThat(v.matches("", verifier)).isFalse();
        }
    }

    @Test
    void samePassGetsDifferentSaltsSoVerifiersDiffer() {
        PassVerifiers v = verifiers(PEPPER);
        assertThat(v.create("7KQ4M2XD9RTA", StorageScheme.PBKDF2_SHA256))
                .isNotEqualTo(v.create("7KQ4M2XD9RTA", StorageScheme.PBKDF2_SHA256));
    }

    @Test
    void verifiersAreUselessWithoutThePepper() {
        String verifier = verifiers(PEPPER).create("7KQ4M2XD9RTA", StorageScheme.PBKDF2_SHA256);
        String keyed = verifiers(PEPPER).create("7KQ4M2XD9RTA7KQ4M2XD9RTA", StorageScheme.HMAC_SHA256);
        PassVerifiers other = verifiers(OTHER_PEPPER);
        assertThat(other.matches("7KQ4M2XD9RTA", verifier)).isFalse();
        assertThat(other.matches("7KQ4M2XD9RTA7KQ4M2XD9RTA", keyed)).isFalse();
    }

    @Test
    void pepperFileIsGeneratedOnceOwnerOnlyAndReused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data/pepper");
        var properties = new PassesProperties("", file, 1000, Duration.ofDays(30), 100, Duration.ofHours(1),
                Duration.ZERO);
        String verifier = new PassVerifiers(properties, new SecureRandom()).create("ABCDEFGH", StorageScheme.HMAC_SHA256);
        assertThat(file).exists();
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(new PassVerifiers(properties, new SecureRandom()).matches("ABCDEFGH", verifier)).isTrue();
    }

    @Test
    void shortPepperIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> verifiers(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("at least 32 bytes");
    }
}
