package org.helpdesk.notifications;

import java.util.Properties;

import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.util.StringUtils;

/**
 * The SMTP client of the {@code spring.mail.*} properties (host, port, username, password, protocol, the JavaMail
 * {@code properties.*} and {@code ssl.*}), read when the service starts.
 */
final class SmtpMailSenders {

    private SmtpMailSenders() {
    }

    static JavaMailSenderImpl of(MailProperties properties, SslBundles sslBundles) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(properties.getHost());
        if (properties.getPort() != null) {
            sender.setPort(properties.getPort());
        }
        sender.setUsername(properties.getUsername());
        sender.setPassword(properties.getPassword());
        sender.setProtocol(properties.getProtocol());
        Properties javaMail = new Properties();
        javaMail.putAll(properties.getProperties());
        String protocol = StringUtils.hasLength(properties.getProtocol()) ? properties.getProtocol() : "smtp";
        MailProperties.Ssl ssl = properties.getSsl();
        if (ssl.isEnabled() || StringUtils.hasLength(ssl.getBundle())) {
            if (ssl.isVerifyHostname()) {
                javaMail.setProperty("mail." + protocol + ".ssl.checkserveridentity", "true");
            }
            if (ssl.isEnabled()) {
                javaMail.setProperty("mail." + protocol + ".ssl.enable", "true");
            }
            if (StringUtils.hasLength(ssl.getBundle())) {
                javaMail.put("mail." + protocol + ".ssl.socketFactory",
                        sslBundles.getBundle(ssl.getBundle()).createSslContext().getSocketFactory());
            }
        }
        sender.setJavaMailProperties(javaMail);
        return sender;
    }
}
