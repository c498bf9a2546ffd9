package org.helpdesk.accounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.helpdesk.system.Text;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What a chosen password must be (NIST SP 800-63B 5.1.1.2): at least the admins' minimum (8 or more) and at most
 * 128 characters, any characters but control characters, not a common password, and not the person's email
 * address, its local part or the service's name.
 */
@Component
class PasswordRules {

    static final int MAX_LENGTH = 128;
    private static final List<String> SERVICE_WORDS = List.of("helpdesk");

    private final SecuritySettingsService settings;
    private final CommonPasswords common = CommonPasswords.bundled();
    private final List<String> serviceNames = new ArrayList<>();

    PasswordRules(SecuritySettingsService settings, MessageSource messages) {
        this.settings = settings;
        serviceNames.addAll(SERVICE_WORDS);
        serviceNames.add(CommonPasswords.core(messages.getMessage("app.name", null, "", Locale.ROOT)));
    }

    /** The current shortest length allowed. */
    int minimumLength() {
        return settings.current().passwordMinimumLength();
    }

    /** The message code of the first rule the password breaks for this person, or null when it is acceptable. */
    String problemWith(String password, Account account) {
        if (password == null || password.isEmpty()) {
            return "password.required";
        }
        int length = password.codePointCount(0, password.length());
        if (length > MAX_LENGTH) {
            return "password.tooLong";
        }
        if (Text.hasForbiddenCharacters(password)) {
            return "password.badCharacters";
        }
        if (length < minimumLength()) {
            return "password.tooShort";
        }
        if (isAboutThePersonOrService(password, account)) {
            return "password.personal";
        }
        if (common.contains(password)) {
            return "password.common";
        }
        return null;
    }

    private boolean isAboutThePersonOrService(String password, Account account) {
        String core = CommonPasswords.core(password);
        String normalized = CommonPasswords.normalize(password);
        if (core.isEmpty()) {
            return false;
        }
        List<String> words = new ArrayList<>(serviceNames);
        if (account != null && account.email() != null) {
            String email = CommonPasswords.normalize(account.email());
            words.add(CommonPasswords.core(email));
            words.add(CommonPasswords.core(email.substring(0, Math.max(0, email.lastIndexOf('@')))));
            if (normalized.contains(email)) {
                return true;
            }
        }
        return words.stream().anyMatch(word -> !word.isEmpty() && word.equals(core));
    }
}
