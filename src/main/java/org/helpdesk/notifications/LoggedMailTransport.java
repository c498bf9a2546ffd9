package org.helpdesk.notifications;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Without an SMTP server, a mail is written to the log as one line: recipient, subject and body. That is safe
 * because no mail ever holds a pass, password, code or token.
 */
class LoggedMailTransport implements MailTransport {

    private static final Logger log = LoggerFactory.getLogger(LoggedMailTransport.class);

    @Override
    public void send(OutgoingMail mail) {
        log.info("Mail not sent (no SMTP server configured; set spring.mail.host) to={} subject=\"{}\" body=\"{}\"",
                mail.recipient(), mail.subject(), mail.body().replace("\r", "").replace("\n", " | "));
    }
}
