package org.helpdesk.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommonPasswordsTests {

    private static final CommonPasswords COMMON = CommonPasswords.bundled();

    @Test
    void bundledListHoldsThirtyThousandPasswordsAndNoComments() {
        assertThat(COMMON.size()).isEqualTo(30_000);
        assertThat(COMMON.contains("# The 30,000 most common passwords, most common first, one a line, lower case."))
                .isFalse();
    }

    @Test
    void listedPasswordsAreFoundWhateverTheirCaseOrUnicodeForm() {
        assertThat(COMMON.contains("password")).isTrue();
        assertThat(COMMON.contains("PassWord")).isTrue();
        assertThat(COMMON.contains("qwertyuiop")).isTrue();
        // full-width letters and digits become ASCII under NFKC
        assertThat(COMMON.contains("ＰＡＳＳＷＯＲＤ１２３")).isTrue();
        assertThat(COMMON.contains("ｉｌｏｖｅｙｏｕ")).isTrue();
    }

    @Test
    void digitsAndPunctuationAroundOrInsideACommonPasswordDoNotHideIt() {
        assertThat(COMMON.contains("Password2024!")).isTrue();
        assertThat(COMMON.contains("!!sunshine99")).isTrue();
        assertThat(COMMON.contains("pass word")).isTrue();
        assertThat(COMMON.contains("Dragon-2025")).isTrue();
    }

    @Test
    void uncommonPasswordsAndPassphrasesPass() {
        assertThat(COMMON.contains("correct horse battery")).isFalse();
        assertThat(COMMON.contains("a long enough password")).isFalse();
        assertThat(COMMON.contains("Zebra lamp 47 orbit")).isFalse();
        assertThat(COMMON.contains("")).isFalse();
    }

    @Test
    void coreKeepsLettersAndDigitsWithoutTheDigitsAtTheEnds() {
        assertThat(CommonPasswords.core("P@ss-word 2024")).isEqualTo("pssword");
        assertThat(CommonPasswords.core("2024alice.smith!")).isEqualTo("alicesmith");
        assertThat(CommonPasswords.core("12345678")).isEmpty();
    }
}
