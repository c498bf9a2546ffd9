package org.helpdesk.notifications;

/**
 * A change to one of the sign-in methods of an account, told in the "a sign-in method of your account changed"
 * mail. A method added later (authenticator app, passkey) is one more constant here and one more
 * {@code mail.methodChanged.change.*} text, fed by that module's event.
 */
enum MethodChange {
    PASSWORD_CHANGED,
    AUTHENTICATOR_APP_ADDED,
    AUTHENTICATOR_APP_REMOVED,
    RECOVERY_CODES_CREATED,
    PASSKEY_ADDED,
    PASSKEY_REMOVED
}
