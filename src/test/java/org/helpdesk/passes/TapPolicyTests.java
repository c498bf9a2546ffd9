package org.helpdesk.passes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TapPolicyTests {

    private static TapPolicy policy(int min, int max, int def, int length, CharacterSet set) {
        return new TapPolicy(true, min, max, def, false, length, set);
    }

    @Test
    void defaultsAreThoseOfTheSpecAndValid() {
        TapPolicy d = TapPolicy.DEFAULTS;
        assertThat(d.enabled()).isFalse();
        assertThat(d.minimumLifetimeInMinutes()).isEqualTo(60);
        assertThat(d.maximumLifetimeInMinutes()).isEqualTo(480);
        assertThat(d.defaultLifetimeInMinutes()).isEqualTo(60);
        assertThat(d.isUsableOnce()).isFalse();
        assertThat(d.defaultLength()).isEqualTo(12);
        assertThat(d.characterSet()).isEqualTo(CharacterSet.BASE32);
        assertThat(d.problems()).isEmpty();
    }

    @ParameterizedTest(name = "{0}/{1}/{2} length {3} {4} -> {5}")
    @CsvSource({
            "10, 43200, 10, 8, BASE32, ''",
            "10, 10, 10, 48, DIGITS, ''",
            "9, 480, 60, 12, BASE32, minimumLifetimeInMinutes",
            "60, 43201, 60, 12, BASE32, maximumLifetimeInMinutes",
            "120, 60, 60, 12, BASE32, maximumLifetimeInMinutes",
            "60, 480, 59, 12, BASE32, defaultLifetimeInMinutes",
            "60, 480, 481, 12, BASE32, defaultLifetimeInMinutes",
            "60, 480, 60, 7, BASE32, defaultLength",
            "60, 480, 60, 49, DIGITS, defaultLength",
            "-5, 480, 60, 12, BASE32, minimumLifetimeInMinutes"})
    void problemsNameTheFieldThatBreaksARule(int min, int max, int def, int length, CharacterSet set, String field) {
        var problems = policy(min, max, def, length, set).problems();
        if (field.isEmpty()) {
            assertThat(problems).isEmpty();
        } else {
            assertThat(problems).extracting(TapPolicy.Problem::field).contains(field);
        }
    }

    @Test
    void missingCharacterSetIsAProblemOfThatField() {
        assertThat(policy(60, 480, 60, 12, null).problems()).extracting(TapPolicy.Problem::field)
                .containsExactly("characterSet");
    }

    @ParameterizedTest(name = "{0} x {1} = {2} bits, {3}")
    @CsvSource({
            "12, BASE32, 60.0, PBKDF2_SHA256",
            "22, BASE32, 110.0, PBKDF2_SHA256",
            "23, BASE32, 115.0, HMAC_SHA256",
            "48, BASE32, 240.0, HMAC_SHA256",
            "8, DIGITS, 26.575, PBKDF2_SHA256",
            "33, DIGITS, 109.624, PBKDF2_SHA256",
            "34, DIGITS, 112.946, HMAC_SHA256"})
    void entropyAndStorageSchemeFollowLengthAndCharacterSet(int length, CharacterSet set, double bits,
                                                             StorageScheme scheme) {
        TapPolicy p = policy(60, 480, 60, length, set);
        assertThat(p.entropyBits()).isCloseTo(bits, org.assertj.core.data.Offset.offset(0.01));
        assertThat(p.storageScheme()).isEqualTo(scheme);
    }

    @Test
    void allowsLifetimeOnlyWithinMinimumAndMaximum() {
        TapPolicy p = policy(60, 480, 60, 12, CharacterSet.BASE32);
        assertThat(p.allowsLifetime(59)).isFalse();
        assertThat(p.allowsLifetime(60)).isTrue();
        assertThat(p.allowsLifetime(480)).isTrue();
        assertThat(p.allowsLifetime(481)).isFalse();
    }
}
