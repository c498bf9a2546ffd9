package org.helpdesk.notifications;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.helpdesk.notifications.Outbox.PendingMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends what the outbox holds, on every instance at once if need be: each run claims small batches of due rows,
 * sends them and marks them sent. A mail the server refuses, or a server that is down, costs an attempt and a
 * wait that doubles each time; nothing of it reaches the action that wrote the mail, which committed long before.
 */
@Component
class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final int CLEANUP_BATCH_SIZE = 1000;

    private final Outbox outbox;
    private final MailTransport transport;
    private final NotificationsProperties properties;
    private final Clock clock;

    OutboxSender(Outbox outbox, MailTransport transport, NotificationsProperties properties, Clock clock) {
        this.outbox = outbox;
        this.transport = transport;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${helpdesk.notifications.send-initial-delay:PT10S}",
            fixedDelayString = "${helpdesk.notifications.send-interval}")
    void scheduled() {
        try {
            sendDue();
        } catch (RuntimeException e) {
            // the database may be away for a moment; the next run starts over
            log.warn("Sending the outbox failed: {}", e.toString());
        }
    }

    /**
     * Deletes the mails given up longer ago than they are kept, once an hour rather than with every run of the
     * sender: finding that none is old enough reads every mail kept.
     */
    @Scheduled(initialDelayString = "${helpdesk.notifications.cleanup-initial-delay:PT1M}",
            fixedDelayString = "${helpdesk.notifications.cleanup-interval}")
    void scheduledCleanup() {
        try {
            deleteDone(CLEANUP_BATCH_SIZE);
        } catch (RuntimeException e) {
            log.warn("Deleting old mails from the outbox failed: {}", e.toString());
        }
    }

    /** Deletes, in batches, every mail given up before the time they are kept; returns how many. */
    int deleteDone(int batchSize) {
        Instant cutoff = clock.instant().minus(properties.keepGivenUp());
        int deleted = 0;
        int batch;
        do {
            batch = outbox.deleteDoneBefore(cutoff, batchSize);
            deleted += batch;
        } while (batch == batchSize);
        return deleted;
    }

    /**
     * Sends every due mail it can claim, deleting each once sent; returns how many were sent. Each row is tried at
     * most once per run, and the first failure ends the run: the server is probably away, and the rest of the batch
     * is left for the next run instead of each waiting for its own timeout.
     */
    int sendDue() {
        int sent = 0;
        while (true) {
            String claimant = UUID.randomUUID().toString();
            Instant now = clock.instant();
            List<PendingMail> batch = outbox.claim(claimant, properties.batchSize(), now,
                    now.plus(properties.claimTimeout()));
            if (batch.isEmpty()) {
                return sent;
            }
            for (PendingMail pending : batch) {
                if (!send(pending, claimant)) {
                    outbox.release(claimant);
                    return sent;
                }
                sent++;
            }
        }
    }

    private boolean send(PendingMail pending, String claimant) {
        try {
            transport.send(pending.mail());
        } catch (RuntimeException e) {
            int attempts = pending.attempts() + 1;
            Instant now = clock.instant();
            boolean giveUp = attempts >= properties.maxAttempts();
            outbox.markFailed(pending.id(), claimant, e.getMessage(), now,
                    giveUp ? null : now.plus(properties.backoff(attempts)));
            if (giveUp) {
                log.warn("Gave up mail {} ({}) to account {} after {} attempts: {}", pending.id(),
                        pending.mail().kind(), pending.accountId(), attempts, e.toString());
            } else {
                log.info("Mail {} ({}) not sent, attempt {}; will try again: {}", pending.id(), pending.mail().kind(),
                        attempts, e.toString());
            }
            return false;
        }
        if (!outbox.deleteSent(pending.id(), claimant)) {
            log.warn("Mail {} was sent after its claim had run out; another instance may send it again", pending.id());
        }
        return true;
    }
}
