package org.helpdesk.notifications;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({NotificationsProperties.class, MailProperties.class})
class NotificationsConfiguration {

    /**
     * SMTP when the operator set {@code spring.mail.host}; otherwise, as in the embedded default, each mail goes to
     * the log. The choice is made here, from the properties of this start, and not by Spring Boot's mail
     * auto-configuration (left out, see {@code HelpdeskApplication}): whether that one makes a sender is a condition,
     * and the ahead-of-time processed jar (README "Performance") fixes conditions when the jar is built.
     */
    @Bean
    MailTransport mailTransport(MailProperties mail, ObjectProvider<SslBundles> sslBundles,
                                NotificationsProperties properties) {
        if (!StringUtils.hasText(mail.getHost())) {
            return new LoggedMailTransport();
        }
        return new SmtpMailTransport(SmtpMailSenders.of(mail, sslBundles.getIfAvailable()), properties.from());
    }
}
