package org.helpdesk.passes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PassFormatTests {

    @ParameterizedTest(name = "''{0}'' reads as {1}")
    @CsvSource({
            "7KQ4-M2XD-9RTA, 7KQ4M2XD9RTA",
            "7kq4-m2xd-9rta, 7KQ4M2XD9RTA",
            "7KQ4 M2XD 9RTA, 7KQ4M2XD9RTA",
            "' 7kq4m2xd9rta ', 7KQ4M2XD9RTA",
            "OOII-LL11-ab00, 00111111AB00",
            "o0iL-0000, 00110000",
            "1234-5678, 12345678"})
    void normalizeForgivesCaseSpacesHyphensAndLookAlikes(String typed, String expected) {
        assertThat(PassFormat.normalize(typed)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1234567", "UUUUUUUUUU", "ABCD*EFGH", "ÄBCDEFGHJ", "ABCD\u0000EFGH", "ABCDEFGH\u200B"})
    void normalizeRefusesWhatCannotBeAPass(String typed) {
        assertThat(PassFormat.normalize(typed)).isNull();
    }

    @Test
    void normalizeRefusesOverlongInputBeforeLookingAtIt() {
        assertThat(PassFormat.normalize("A".repeat(49))).isNull();
        assertThat(PassFormat.normalize("A".repeat(48))).hasSize(48);
        assertThat(PassFormat.normalize("-".repeat(PassFormat.MAX_INPUT_LENGTH + 1) + "ABCDEFGH")).isNull();
        assertThat(PassFormat.normalize(null)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"7KQ4M2XD9RTA, 7KQ4-M2XD-9RTA", "12345678, 1234-5678", "ABCDEFGHJK, ABCD-EFGH-JK"})
    void groupedJoinsGroupsOfFourWithHyphens(String pass, String grouped) {
        assertThat(PassFormat.grouped(pass)).isEqualTo(grouped);
    }

    @Test
    void spellingNamesEveryLetterAndLeavesDigits() {
        var spelled = PassSpelling.spell("7KQ4");
        assertThat(spelled).extracting(PassSpelling.Spelled::word).containsExactly(null, "Kilo", "Quebec", null);
        for (char c : CharacterSet.BASE32.alphabet().toCharArray()) {
            if (Character.isLetter(c)) {
                assertThat(PassSpelling.spell(String.valueOf(c)).get(0).word()).as("word for %s", c).isNotNull();
            }
        }
    }
}
