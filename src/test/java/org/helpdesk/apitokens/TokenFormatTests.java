package org.helpdesk.apitokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The shape of an API token: a prefix secret scanners know, 256 random bits, a checksum; stored as a hash. */
class TokenFormatTests {

    private final SecureRandom random = new SecureRandom();

    @Test
    void generateWhenCalledThenPrefixBase62BodyAndChecksum() {
        String token = TokenFormat.generate(random);
        assertThat(token).hasSize(55).startsWith("hdtap_").matches("hdtap_[0-9A-Za-z]{49}");
        assertThat(TokenFormat.wellFormed(token)).isTrue();
        assertThat(TokenFormat.shown(token)).hasSize(10).isEqualTo(token.substring(0, 10));
    }

    @Test
    void generateWhenCalledOftenThenNeverTheSame() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(seen.add(TokenFormat.generate(random))).isTrue();
        }
    }

    @Test
    void wellFormedWhenAnyCharacterChangesThenFalse() {
        String token = TokenFormat.generate(random);
        for (int i = 6; i < token.length(); i++) {
            char changed = token.charAt(i) == 'a' ? 'b' : 'a';
            String typo = token.substring(0, i) + changed + token.substring(i + 1);
            assertThat(TokenFormat.wellFormed(typo)).as("typo at %d", i).isFalse();
        }
        assertThat(TokenFormat.wellFormed(null)).isFalse();
        assertThat(TokenFormat.wellFormed("")).isFalse();
        assertThat(TokenFormat.wellFormed(token + "x")).isFalse();
        assertThat(TokenFormat.wellFormed("ghp_" + token.substring(4))).isFalse();
        assertThat(TokenFormat.wellFormed("7KQ4-M2XD-9RTA")).isFalse();
    }

    @Test
    void hashWhenTakenThenSha256HexWithoutTheToken() {
        String token = TokenFormat.generate(random);
        String hash = TokenFormat.hash(token);
        assertThat(hash).hasSize(64).matches("[0-9a-f]{64}").isEqualTo(TokenFormat.hash(token));
        assertThat(hash).doesNotContain(token.substring(6, 16));
        assertThat(TokenFormat.hash(TokenFormat.generate(random))).isNotEqualTo(hash);
    }
}
