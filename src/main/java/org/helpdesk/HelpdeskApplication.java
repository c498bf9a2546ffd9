package org.helpdesk;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;

/**
 * The service. Mail is configured by the notifications module itself, from the properties of each start, so that it
 * behaves the same in the ahead-of-time processed jar, where auto-configuration conditions are fixed at build time.
 */
@SpringBootApplication(exclude = MailSenderAutoConfiguration.class)
public class HelpdeskApplication {

    private static final String REISSUE_ARGUMENT = "--helpdesk.bootstrap.reissue-setup-pass-for=";

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(HelpdeskApplication.class);
        if (isReissueCommand(args)) {
            // the reissue command runs beside the service: no web server, and so not the ahead-of-time processed
            // context either (that one is built for a web server), even when started with the service's settings
            System.clearProperty("spring.aot.enabled");
            application.setWebApplicationType(WebApplicationType.NONE);
        }
        application.run(args);
    }

    /** Whether these arguments ask for the reissue command: the argument with an address (an empty one is not). */
    static boolean isReissueCommand(String[] args) {
        return Arrays.stream(args).anyMatch(a -> a.startsWith(REISSUE_ARGUMENT)
                && !a.substring(REISSUE_ARGUMENT.length()).isBlank());
    }
}
