package org.helpdesk.passes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PassSpellingTests {

    @Test
    void spellsLettersWithTheirWordsAndDigitsAsThemselves() {
        assertThat(PassSpelling.spell("7K"))
                .containsExactly(new PassSpelling.Spelled("7", null), new PassSpelling.Spelled("K", "Kilo"));
    }

    @Test
    void spokenPassHasOneCharacterAtATimeAndAPauseBetweenGroups() {
        assertThat(PassSpelling.spoken("7KQ4M2XD9RTA")).isEqualTo("7 K Q 4, M 2 X D, 9 R T A");
        assertThat(PassSpelling.spoken("7KQ4M2XD9R")).isEqualTo("7 K Q 4, M 2 X D, 9 R");
    }
}
