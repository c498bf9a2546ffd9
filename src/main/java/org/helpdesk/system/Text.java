package org.helpdesk.system;

import java.text.Normalizer;

/** Rules every free-text input shares: Unicode NFC, no control or invisible formatting characters, trimmed. */
public final class Text {

    private Text() {
    }

    /** Trims and NFC-normalises; null stays null. */
    public static String clean(String value) {
        if (value == null) {
            return null;
        }
        return Normalizer.normalize(value, Normalizer.Form.NFC).strip();
    }

    /** True when the text holds a control, format (bidi, zero-width), unassigned or lone-surrogate character. */
    public static boolean hasForbiddenCharacters(String value) {
        if (value == null) {
            return false;
        }
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                    || type == Character.SURROGATE || type == Character.PRIVATE_USE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }
}
