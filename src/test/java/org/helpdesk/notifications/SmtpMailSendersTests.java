package org.helpdesk.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The SMTP client is made from the {@code spring.mail.*} properties of the start, as Spring Boot's own would be. */
class SmtpMailSendersTests {

    @Test
    void hostPortCredentialsAndJavaMailPropertiesAreTakenAsSet() {
        MailProperties properties = new MailProperties();
        properties.setHost("smtp.example.com");
        properties.setPort(587);
        properties.setUsername("helpdesk");
        properties.setPassword("secret-from-the-store");
        properties.getProperties().put("mail.smtp.starttls.enable", "true");

        JavaMailSenderImpl sender = SmtpMailSenders.of(properties, null);

        assertThat(sender.getHost()).isEqualTo("smtp.example.com");
        assertThat(sender.getPort()).isEqualTo(587);
        assertThat(sender.getUsername()).isEqualTo("helpdesk");
        assertThat(sender.getPassword()).isEqualTo("secret-from-the-store");
        assertThat(sender.getProtocol()).isEqualTo("smtp");
        assertThat(sender.getJavaMailProperties()).containsEntry("mail.smtp.starttls.enable", "true")
                .doesNotContainKey("mail.smtp.ssl.enable");
    }

    @Test
    void withoutAPortTheProtocolsDefaultIsUsed() {
        MailProperties properties = new MailProperties();
        properties.setHost("smtp.example.com");

        assertThat(SmtpMailSenders.of(properties, null).getPort()).isEqualTo(JavaMailSenderImpl.DEFAULT_PORT);
    }

    @Test
    void sslEnabledTurnsOnTlsFromTheFirstByteAndChecksTheServersName() {
        MailProperties properties = new MailProperties();
        properties.setHost("smtp.example.com");
        properties.setProtocol("smtps");
        properties.getSsl().setEnabled(true);

        JavaMailSenderImpl sender = SmtpMailSenders.of(properties, null);

        assertThat(sender.getJavaMailProperties())
                .containsEntry("mail.smtps.ssl.enable", "true")
                .containsEntry("mail.smtps.ssl.checkserveridentity", "true");
    }
}
