package org.helpdesk.passes;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param pepper          base64 server secret (at least 32 bytes) keying every verifier; overrides pepperFile
 * @param pepperFile      file holding the pepper; generated with a warning when missing
 * @param hashIterations  PBKDF2 iterations for passes under 112 bits
 * @param purgeAfter      how long after their end expired and used passes are kept
 * @param purgeBatchSize  rows deleted per statement by the purge
 * @param purgeInterval   how often the purge runs
 * @param purgePause      how long the purge waits between two batches, so that a large backlog leaves the database
 *                        to the sign-ins most of the time; zero runs the batches back to back
 */
@ConfigurationProperties("helpdesk.passes")
public record PassesProperties(String pepper, Path pepperFile, int hashIterations, Duration purgeAfter,
                               int purgeBatchSize, Duration purgeInterval, Duration purgePause) {

    public PassesProperties {
        if (purgePause == null) {
            purgePause = Duration.ZERO;
        }
        if (purgePause.isNegative()) {
            throw new IllegalArgumentException("helpdesk.passes.purge-pause must not be negative");
        }
    }
}
