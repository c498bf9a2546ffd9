package org.helpdesk.notifications;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param from           sender address of every mail
 * @param sendInterval   pause between two runs of the sender
 * @param batchSize      rows one claim takes
 * @param claimTimeout   how long a claim holds before another instance may take the row over
 * @param retryDelay     wait after the first failed attempt; doubles with every further failure
 * @param maxRetryDelay  longest wait between two attempts
 * @param maxAttempts    attempts after which a mail is given up (and logged)
 * @param keepGivenUp    how long a mail given up stays (with its last error) before it is deleted; a mail sent is
 *                       deleted at once
 */
@ConfigurationProperties("helpdesk.notifications")
record NotificationsProperties(String from, Duration sendInterval, int batchSize, Duration claimTimeout,
                               Duration retryDelay, Duration maxRetryDelay, int maxAttempts,
                               Duration keepGivenUp) {

    /** The wait before the next attempt once {@code attempts} attempts have failed. */
    Duration backoff(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        Duration delay = retryDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }
}
