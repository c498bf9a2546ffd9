package org.helpdesk.accounts;

import java.util.Locale;
import java.util.regex.Pattern;

import org.helpdesk.system.Text;

/** Email addresses as usernames: validated on the way in, compared case-insensitively. */
public final class EmailAddresses {

    public static final int MAX_LENGTH = 254;
    private static final Pattern LOCAL = Pattern.compile("[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~.-]{1,64}");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([\\p{L}\\p{N}]([\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+[\\p{L}\\p{N}-]{2,63}");

    private EmailAddresses() {
    }

    /** The address as it will be stored, or null when it is not a usable address. */
    public static String normalize(String raw) {
        String email = Text.clean(raw);
        if (email == null || email.isEmpty() || email.length() > MAX_LENGTH || Text.hasForbiddenCharacters(email)) {
            return null;
        }
        int at = email.lastIndexOf('@');
        if (at <= 0 || at != email.indexOf('@') || at == email.length() - 1) {
            return null;
        }
        String local = email.substring(0, at);
        String domain = email.substring(at + 1);
        if (!LOCAL.matcher(local).matches() || local.startsWith(".") || local.endsWith(".") || local.contains("..")
                || !DOMAIN.matcher(domain).matches()) {
            return null;
        }
        return email;
    }

    /** The key two addresses are compared by. */
    public static String key(String email) {
        return email.toLowerCase(Locale.ROOT);
    }
}
