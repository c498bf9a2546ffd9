package org.helpdesk.notifications;

/** A mail as written: to whom, about what, and its plain-text body. Never holds a secret. */
record OutgoingMail(MailKind kind, String recipient, String subject, String body) {
}
