package org.helpdesk.accounts;

import org.helpdesk.system.Text;

/** What a password must be (NIST SP 800-63B 5.1.1.2: at least 8 characters, up to 128, any characters). */
final class PasswordRules {

    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 128;

    private PasswordRules() {
    }

    /** The message code of the first rule the password breaks, or null when it is acceptable. */
    static String problemWith(String password) {
        if (password == null || password.isEmpty()) {
            return "password.required";
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return "password.tooShort";
        }
        if (length > MAX_LENGTH) {
            return "password.tooLong";
        }
        if (Text.hasForbiddenCharacters(password)) {
            return "password.badCharacters";
        }
        return null;
    }
}
