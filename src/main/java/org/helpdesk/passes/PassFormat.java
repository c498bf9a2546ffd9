package org.helpdesk.passes;

import java.util.Locale;

/** How a pass is written for people and read back from them. */
public final class PassFormat {

    /** Longest input looked at: a 48-character pass with a separator between every character, and then some. */
    public static final int MAX_INPUT_LENGTH = 120;

    private PassFormat() {
    }

    /**
     * The pass as typed, reduced to its canonical characters: case, spaces and hyphens do not matter, and
     * Crockford's look-alikes read as what they look like (O as 0, I and L as 1). Null when the input cannot
     * be a pass of any policy.
     */
    public static String normalize(String typed) {
        if (typed == null || typed.length() > MAX_INPUT_LENGTH) {
            return null;
        }
        StringBuilder pass = new StringBuilder(typed.length());
        for (int i = 0; i < typed.length(); i++) {
            char c = Character.toUpperCase(typed.charAt(i));
            switch (c) {
                case ' ', '-', '\t', '\u00A0' -> { }
                case 'O' -> pass.append('0');
                case 'I', 'L' -> pass.append('1');
                default -> {
                    if (CharacterSet.BASE32.alphabet().indexOf(c) < 0) {
                        return null;
                    }
                    pass.append(c);
                }
            }
        }
        if (pass.length() < TapPolicy.LENGTH_MIN || pass.length() > TapPolicy.LENGTH_MAX) {
            return null;
        }
        return pass.toString();
    }

    /** Groups of four joined by hyphens: {@code 7KQ4-M2XD-9RTA}. */
    public static String grouped(String pass) {
        StringBuilder out = new StringBuilder(pass.length() + pass.length() / 4);
        for (int i = 0; i < pass.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                out.append('-');
            }
            out.append(pass.charAt(i));
        }
        return out.toString();
    }

    /** Lower-case letters become upper case, for display only. */
    static String upper(String value) {
        return value.toUpperCase(Locale.ROOT);
    }
}
