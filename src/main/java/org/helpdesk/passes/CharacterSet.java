package org.helpdesk.passes;

import java.util.Locale;

/** The characters a pass is made of. Base32 is Crockford's: no I, L, O or U, so nothing reads as something else. */
public enum CharacterSet {
    BASE32("0123456789ABCDEFGHJKMNPQRSTVWXYZ"),
    DIGITS("0123456789");

    private final String alphabet;

    CharacterSet(String alphabet) {
        this.alphabet = alphabet;
    }

    public String alphabet() {
        return alphabet;
    }

    public double bitsPerCharacter() {
        return Math.log(alphabet.length()) / Math.log(2);
    }

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CharacterSet parse(String value) {
        if (value == null) {
            return null;
        }
        for (CharacterSet set : values()) {
            if (set.dbValue().equalsIgnoreCase(value.strip())) {
                return set;
            }
        }
        return null;
    }
}
