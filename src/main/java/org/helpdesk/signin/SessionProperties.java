package org.helpdesk.signin;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param absoluteTimeout how long a session may last however active it is; the idle timeout is
 *                        {@code server.servlet.session.timeout}
 */
@ConfigurationProperties("helpdesk.sessions")
public record SessionProperties(Duration absoluteTimeout) {
}
