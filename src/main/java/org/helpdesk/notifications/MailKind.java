package org.helpdesk.notifications;

/** What a mail tells its recipient. */
enum MailKind {
    PASS_CREATED, TAP_SIGN_IN, METHOD_CHANGED
}
