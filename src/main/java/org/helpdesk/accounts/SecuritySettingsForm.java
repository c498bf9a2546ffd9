package org.helpdesk.accounts;

/**
 * The Security page's form. Values arrive as text so that anything a browser could not have sent is a message on
 * its field, not a crash and never read as "off".
 */
record SecuritySettingsForm(String requireSecondFactorForAgents, String passwordMinimumLength) {

    static SecuritySettingsForm of(SecuritySettings settings) {
        return new SecuritySettingsForm(String.valueOf(settings.requireSecondFactorForAgents()),
                String.valueOf(settings.passwordMinimumLength()));
    }

    /** The checkbox: absent or "false" is off, "true" (or a browser's "on") is on, anything else null. */
    Boolean requireSecondFactor() {
        if (requireSecondFactorForAgents == null || requireSecondFactorForAgents.equals("false")) {
            return false;
        }
        return requireSecondFactorForAgents.equals("true") || requireSecondFactorForAgents.equals("on") ? true : null;
    }
}
