package org.helpdesk.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The passwords attackers try first (NIST SP 800-63B 5.1.1.2: "passwords obtained from previous breach corpuses,
 * dictionary words"), from the list bundled in {@code accounts/common-passwords.txt}. A password counts as common
 * when it is on the list after Unicode NFKC normalisation and ignoring case, also when only digits, spaces or
 * punctuation were put around or inside a listed one ("Password2024!", "pass word").
 */
final class CommonPasswords {

    static final String LIST = "accounts/common-passwords.txt";

    private final Set<String> passwords;

    private CommonPasswords(Set<String> passwords) {
        this.passwords = Set.copyOf(passwords);
    }

    static CommonPasswords bundled() {
        try (InputStream in = CommonPasswords.class.getClassLoader().getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException(LIST + " is missing");
            }
            Set<String> passwords = new HashSet<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    passwords.add(normalize(line.strip()));
                }
            }
            return new CommonPasswords(passwords);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int size() {
        return passwords.size();
    }

    boolean contains(String password) {
        String normalized = normalize(password);
        return passwords.contains(normalized) || passwords.contains(lettersTrimmed(normalized))
                || passwords.contains(core(normalized));
    }

    /** NFKC, then lower case: "ＰＡＳＳＷＯＲＤ" and "Password" are "password". */
    static String normalize(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** Letters and digits only, without the digits at either end: "P@ss-word 2024" is "pssword". */
    static String core(String text) {
        StringBuilder out = new StringBuilder();
        normalize(text).codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
        return lettersTrimmed(out.toString());
    }

    /** Without whatever is not a letter at either end: "!!password2024" is "password". */
    private static String lettersTrimmed(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && !Character.isLetter(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && !Character.isLetter(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }
}
