package org.helpdesk.accounts;

import java.util.ArrayList;
import java.util.List;

import org.helpdesk.accounts.InvalidInputException.Problem;

/**
 * The installation's security settings (spec 3, 5): whether agents must register a second factor before they
 * may use the console, and the shortest password people may choose.
 */
public record SecuritySettings(boolean requireSecondFactorForAgents, int passwordMinimumLength) {

    /** NIST SP 800-63B 5.1.1.2: a chosen password has at least 8 characters. */
    public static final int LOWEST_PASSWORD_MINIMUM = 8;
    /** The highest minimum an admin may set; passwords themselves may be up to {@link #PASSWORD_MAXIMUM_LENGTH}. */
    public static final int HIGHEST_PASSWORD_MINIMUM = 64;
    public static final int PASSWORD_MAXIMUM_LENGTH = PasswordRules.MAX_LENGTH;

    public static final SecuritySettings DEFAULTS = new SecuritySettings(false, LOWEST_PASSWORD_MINIMUM);

    /** The rules these settings break, each naming its form field; empty when they may be saved. */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (passwordMinimumLength < LOWEST_PASSWORD_MINIMUM || passwordMinimumLength > HIGHEST_PASSWORD_MINIMUM) {
            problems.add(new Problem("passwordMinimumLength", "securitySettings.passwordMinimumLength.range"));
        }
        return problems;
    }
}
