package org.helpdesk.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.helpdesk.accounts.Account;
import org.helpdesk.passes.IssuedPass;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.mail.javamail.JavaMailSender;

/** Without an SMTP server (the embedded default and the shared test contexts), mails go to the log instead. */
@ExtendWith(OutputCaptureExtension.class)
abstract class LoggedMailTests extends IntegrationTestSupport {

    @Autowired
    OutboxSender sender;
    @Autowired
    ApplicationContext context;

    @Test
    void noSmtpHostWhenMailIsSentThenOneLogLineHoldsRecipientSubjectAndBodyButNoPass(CapturedOutput output) {
        assertThat(context.getBeanNamesForType(JavaMailSender.class)).isEmpty();
        enableTap();
        Account person = newContact(false);
        IssuedPass pass = issue(person);

        sender.sendDue();

        List<String> lines = output.getAll().lines().filter(l -> l.contains("to=" + person.email())).toList();
        assertThat(lines).singleElement().satisfies(line -> assertThat(line)
                .contains("Mail not sent (no SMTP server configured", "LoggedMailTransport",
                        "subject=\"A Temporary Access Pass was created for your account\"",
                        "body=\"Hello " + person.displayName() + ", | ", "It can be used from ")
                .doesNotContain(pass.value(), pass.grouped()));
        assertThat(jdbc.sql("select count(*) from notification_outbox where account_id = :id")
                .param("id", person.id()).query(Long.class).single()).as("sent, so deleted").isZero();
    }
}

@H2Test
class LoggedMailH2Tests extends LoggedMailTests {
}

@PostgresTest
class LoggedMailPostgresTests extends LoggedMailTests {
}
