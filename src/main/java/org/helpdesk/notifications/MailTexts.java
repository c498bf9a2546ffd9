package org.helpdesk.notifications;

import java.time.Instant;
import java.util.Locale;

import org.helpdesk.accounts.Account;
import org.helpdesk.system.Times;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Writes the security mails from messages.properties. They say what happened and when, in the installation's
 * time zone, and what to do if it was not expected; they never hold a pass, a link to follow or a secret.
 */
@Component
class MailTexts {

    /** Mails go to people whose browser language is unknown when they are written: the messages' own language. */
    private static final Locale LANGUAGE = Locale.ROOT;

    private final MessageSource messages;
    private final Times times;

    MailTexts(MessageSource messages, Times times) {
        this.messages = messages;
        this.times = times;
    }

    OutgoingMail passCreated(Account to, Instant startsAt, Instant endsAt, boolean usableOnce) {
        String body = text("mail.passCreated.body", to.email(), times.format(startsAt), times.format(endsAt),
                text(usableOnce ? "mail.passCreated.once" : "mail.passCreated.reusable"));
        return mail(MailKind.PASS_CREATED, to, "mail.passCreated.subject", body);
    }

    OutgoingMail tapSignIn(Account to, Instant at) {
        return mail(MailKind.TAP_SIGN_IN, to, "mail.tapSignIn.subject",
                text("mail.tapSignIn.body", to.email(), times.format(at)));
    }

    OutgoingMail methodChanged(Account to, MethodChange change, Instant at) {
        return mail(MailKind.METHOD_CHANGED, to, "mail.methodChanged.subject",
                text("mail.methodChanged.body", to.email(), times.format(at),
                        text("mail.methodChanged.change." + change.name())));
    }

    private OutgoingMail mail(MailKind kind, Account to, String subjectCode, String body) {
        String text = text("mail.greeting", to.displayName()) + "\n\n" + body + "\n\n" + text("mail.footer") + "\n";
        return new OutgoingMail(kind, to.email(), text(subjectCode), text);
    }

    private String text(String code, Object... arguments) {
        return messages.getMessage(code, arguments, LANGUAGE);
    }
}
