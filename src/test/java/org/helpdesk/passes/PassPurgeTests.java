package org.helpdesk.passes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.helpdesk.accounts.Account;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/** Expired and used passes go 30 days after their end, in batches (spec 4.5). */
abstract class PassPurgeTests extends IntegrationTestSupport {

    @Autowired
    PassPurge purge;
    @Autowired
    PassRepository repository;
    @Autowired
    PassesProperties properties;
    @Autowired
    ApplicationEventPublisher events;

    @Test
    void purgeDeletesPassesThirtyDaysAfterTheirEndAndNothingElse() {
        enableTap();
        Instant t0 = Instant.parse("2026-01-10T08:00:00Z");
        clock.fixAt(t0);
        purge.purge();
        Account expired = newContact(false);
        Account used = newContact(true);
        Account live = newContact(false);
        Account recent = newContact(false);
        IssuedPass expiredPass = issue(expired, new IssueRequest(null, 60, false));
        IssuedPass usedPass = issue(used, new IssueRequest(null, 60, true));
        assertThat(passes.signIn(used.email(), usedPass.value())).isInstanceOf(PassCheck.Accepted.class);

        clock.fixAt(t0.plus(Duration.ofDays(30)));
        IssuedPass recentPass = issue(recent, new IssueRequest(null, 10, false));
        IssuedPass livePass = issue(live, new IssueRequest(null, 480, false));

        // 30 days after the end of the first two, minus a minute: nothing goes yet
        clock.fixAt(t0.plus(Duration.ofHours(1)).plus(Duration.ofDays(30)).minus(Duration.ofMinutes(1)));
        assertThat(purge.purge()).isZero();

        clock.fixAt(t0.plus(Duration.ofHours(1)).plus(Duration.ofDays(30)).plus(Duration.ofMinutes(1)));
        assertThat(purge.purge()).isEqualTo(2);
        assertThat(repository.exists(expiredPass.passId())).isFalse();
        assertThat(repository.exists(usedPass.passId())).isFalse();
        assertThat(repository.exists(recentPass.passId())).isTrue();
        assertThat(repository.exists(livePass.passId())).isTrue();
        assertThat(purge.purge()).isZero();
    }

    @Test
    void purgeWorksThroughMoreRowsThanOneBatch() {
        Account person = expiredBacklog(2500);
        assertThat(purge.purge()).isEqualTo(2500);
        assertThat(repository.forAccount(person.id(), 10)).isEmpty();
    }

    @Test
    void purgePausesBetweenTwoBatches() {
        Account person = expiredBacklog(2500);
        PassPurge pausing = purgeWith(Duration.ofMillis(150));

        long started = System.nanoTime();
        assertThat(pausing.purge()).isEqualTo(2500);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // three batches (1 000, 1 000, 500): two pauses between them
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(repository.forAccount(person.id(), 10)).isEmpty();
        assertThat(properties.purgePause()).as("the default pause").isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void anInterruptedPurgeEndsAfterTheBatchAtHandAndTheNextRunGoesOn() {
        Account person = expiredBacklog(2500);
        PassPurge pausing = purgeWith(Duration.ofMinutes(10));

        Thread.currentThread().interrupt();
        try {
            assertThat(pausing.purge()).isEqualTo(1000);
            assertThat(Thread.currentThread().isInterrupted()).as("the interruption is kept for the caller").isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(repository.forAccount(person.id(), 5000)).hasSize(1500);

        assertThat(purgeWith(Duration.ZERO).purge()).isEqualTo(1500);
        assertThat(repository.forAccount(person.id(), 5000)).isEmpty();
    }

    @Test
    void aNegativePauseIsRefusedAtStart() {
        assertThatThrownBy(() -> new PassesProperties(null, null, 1000, Duration.ofDays(30), 1000, Duration.ofHours(1),
                Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("helpdesk.passes.purge-pause must not be negative");
    }

    /** A contact with {@code count} passes that ended 31 days ago, the clock set to now, nothing else to purge. */
    private Account expiredBacklog(int count) {
        enableTap();
        Instant t0 = Instant.parse("2025-05-01T08:00:00Z");
        clock.fixAt(t0.minus(Duration.ofDays(400)));
        purge.purge();
        clock.fixAt(t0);
        Account person = newContact(false);
        for (int i = 0; i < count; i++) {
            repository.insert(person.id(), "pbkdf2-sha256$1000$AAAA$AAAA", t0, null, t0, t0.plusSeconds(600), true,
                    false);
        }
        clock.fixAt(t0.plus(Duration.ofDays(31)));
        return person;
    }

    private PassPurge purgeWith(Duration pause) {
        var withPause = new PassesProperties(properties.pepper(), properties.pepperFile(), properties.hashIterations(),
                properties.purgeAfter(), 1000, properties.purgeInterval(), pause);
        return new PassPurge(repository, withPause, events, clock);
    }
}

@H2Test
class PassPurgeH2Tests extends PassPurgeTests {
}

@PostgresTest
class PassPurgePostgresTests extends PassPurgeTests {
}
