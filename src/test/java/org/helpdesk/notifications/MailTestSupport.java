package org.helpdesk.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.helpdesk.accounts.Account;
import org.helpdesk.passes.IssuedPass;
import org.helpdesk.support.IntegrationTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service with SMTP configured, sending to GreenMail: a real SMTP server in this JVM, started afresh for each
 * test on a free loopback port. The contexts of these tests have a database of their own (a separate in-memory
 * H2 database, or the PostgreSQL database each context gets), so the outbox holds only their mails.
 */
abstract class MailTestSupport extends IntegrationTestSupport {

    static final String H2_DATABASE = "spring.datasource.url=jdbc:h2:mem:helpdesk-mail;MODE=PostgreSQL;"
            + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    static final int SMTP_PORT = freeLoopbackPort();

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(
            new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @Autowired
    OutboxSender sender;
    @Autowired
    Outbox outbox;
    @Autowired
    NotificationsProperties properties;

    @BeforeEach
    void emptyOutbox() {
        jdbc.sql("delete from notification_outbox").update();
    }

    /** A mail as GreenMail received it: the decoded text, and the whole message as it came over the wire. */
    record Received(String to, String from, String subject, String body, String raw) {
    }

    List<Received> received() {
        return Arrays.stream(smtp.getReceivedMessages()).map(MailTestSupport::read).toList();
    }

    List<Received> receivedBy(Account account) {
        return received().stream().filter(m -> m.to().equalsIgnoreCase(account.email())).toList();
    }

    List<Map<String, Object>> outboxRows(Account account) {
        return jdbc.sql("select * from notification_outbox where account_id = :id order by id")
                .param("id", account.id()).query().listOfRows();
    }

    /** No spelling of any of the passes anywhere in any mail: subject, text or raw message. */
    static void assertNoPassIn(List<Received> mails, IssuedPass... passes) {
        for (Received mail : mails) {
            String everything = (mail.subject() + "\n" + mail.body() + "\n" + mail.raw()).toUpperCase(Locale.ROOT);
            for (IssuedPass pass : passes) {
                assertThat(everything).doesNotContain(pass.value().toUpperCase(Locale.ROOT))
                        .doesNotContain(pass.grouped().toUpperCase(Locale.ROOT));
            }
        }
    }

    private static Received read(MimeMessage message) {
        try {
            Address[] to = message.getRecipients(MimeMessage.RecipientType.TO);
            return new Received(to.length == 1 ? to[0].toString() : Arrays.toString(to),
                    message.getFrom()[0].toString(), message.getSubject(), String.valueOf(message.getContent()),
                    GreenMailUtil.getWholeMessage(message));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
