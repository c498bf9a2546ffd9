package org.helpdesk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;

/**
 * The service. Mail is configured by the notifications module itself, from the properties of each start, so that it
 * behaves the same in the ahead-of-time processed jar, where auto-configuration conditions are fixed at build time.
 */
@SpringBootApplication(exclude = MailSenderAutoConfiguration.class)
public class HelpdeskApplication {
    public static void main(String[] args) {
        SpringApplication.run(HelpdeskApplication.class, args);
    }
}
