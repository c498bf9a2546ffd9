package org.helpdesk.notifications;

/** Hands one mail over for delivery; throws when it could not, so that the outbox tries again later. */
interface MailTransport {

    void send(OutgoingMail mail);
}
