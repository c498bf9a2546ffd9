package org.helpdesk.passes;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PassGeneratorTests {

    private final PassGenerator generator = new PassGenerator(new SecureRandom());

    @Test
    void passesHaveTheLengthAndOnlyCharactersOfTheSet() {
        for (CharacterSet set : CharacterSet.values()) {
            for (int length : new int[] {8, 12, 48}) {
                String pass = generator.generate(length, set);
                assertThat(pass).hasSize(length);
                assertThat(pass.chars()).allMatch(c -> set.alphabet().indexOf(c) >= 0);
            }
        }
    }

    @Test
    void base32PassesNeverContainLookAlikeLetters() {
        String many = generator.generate(48, CharacterSet.BASE32).repeat(1) + generator.generate(48, CharacterSet.BASE32);
        assertThat(many).doesNotContain("I", "L", "O", "U");
    }

    @Test
    void everyCharacterIsDrawnAndPassesDoNotRepeat() {
        Map<Character, Integer> seen = new HashMap<>();
        Set<String> passes = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String pass = generator.generate(12, CharacterSet.BASE32);
            passes.add(pass);
            for (char c : pass.toCharArray()) {
                seen.merge(c, 1, Integer::sum);
            }
        }
        assertThat(passes).hasSize(2000);
        assertThat(seen.keySet()).hasSize(32);
        // 24 000 draws over 32 characters: each about 750; a broken generator lands far outside.
        assertThat(seen.values()).allMatch(n -> n > 550 && n < 950);
    }

    @Test
    void passesComeFromTheInjectedSecureRandom() {
        SecureRandom fixed = new SecureRandom() {
            @Override
            public int nextInt(int bound) {
                return 0;
            }
        };
        assertThat(new PassGenerator(fixed).generate(8, CharacterSet.BASE32)).isEqualTo("00000000");
    }
}
