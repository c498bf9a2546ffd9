package org.helpdesk.passes;

import java.time.Clock;
import java.time.Instant;

import org.helpdesk.passes.PassEvents.PassesPurged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes expired and used passes once they ended longer ago than the retention (spec 4.5), in short batches
 * so that no statement holds its locks for long, with a pause between two batches so that a large backlog (a
 * million passes after an outage of the purge, say) takes a small share of the database while people sign in.
 * Several instances may run it at once: a row is deleted once whichever instance gets to it, and the others find
 * nothing more to do. Interrupted (the instance stopping), it ends after the batch at hand; the next run goes on.
 */
@Component
public class PassPurge {

    private static final Logger log = LoggerFactory.getLogger(PassPurge.class);

    private final PassRepository repository;
    private final PassesProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PassPurge(PassRepository repository, PassesProperties properties, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${helpdesk.passes.purge-initial-delay:PT1M}",
            fixedDelayString = "${helpdesk.passes.purge-interval}")
    void scheduled() {
        purge();
    }

    /** Runs the purge now; returns how many passes it removed. */
    public int purge() {
        Instant cutoff = clock.instant().minus(properties.purgeAfter());
        int batchSize = properties.purgeBatchSize();
        int total = 0;
        int removed;
        do {
            removed = repository.purgeBatch(cutoff, batchSize);
            total += removed;
        } while (removed == batchSize && pausedBetweenBatches());
        if (total > 0) {
            log.info("Purged {} passes that ended before {}", total, cutoff);
            events.publishEvent(new PassesPurged(total, cutoff));
        }
        return total;
    }

    /** Waits the configured pause; false when the thread was interrupted, which ends this run of the purge. */
    private boolean pausedBetweenBatches() {
        if (Thread.currentThread().isInterrupted()) {
            return false;
        }
        if (properties.purgePause().isZero()) {
            return true;
        }
        try {
            Thread.sleep(properties.purgePause().toMillis(), properties.purgePause().toNanosPart() % 1_000_000);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
