package org.helpdesk.accounts;

/** The Security page's form. The number arrives as text so that a non-number is a message on its field. */
record SecuritySettingsForm(Boolean requireSecondFactorForAgents, String passwordMinimumLength) {

    static SecuritySettingsForm of(SecuritySettings settings) {
        return new SecuritySettingsForm(settings.requireSecondFactorForAgents(),
                String.valueOf(settings.passwordMinimumLength()));
    }
}
