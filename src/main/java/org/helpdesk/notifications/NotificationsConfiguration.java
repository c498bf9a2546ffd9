package org.helpdesk.notifications;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationsProperties.class)
class NotificationsConfiguration {

    /**
     * SMTP when the operator configured it ({@code spring.mail.host} makes Spring Boot create a mail sender);
     * otherwise, as in the embedded default, each mail goes to the log.
     */
    @Bean
    MailTransport mailTransport(ObjectProvider<JavaMailSender> mailSender, NotificationsProperties properties) {
        JavaMailSender sender = mailSender.getIfAvailable();
        return sender == null ? new LoggedMailTransport() : new SmtpMailTransport(sender, properties.from());
    }
}
