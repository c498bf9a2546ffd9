package org.helpdesk.passes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.helpdesk.accounts.Account;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Expired and used passes go 30 days after their end, in batches (spec 4.5). */
abstract class PassPurgeTests extends IntegrationTestSupport {

    @Autowired
    PassPurge purge;
    @Autowired
    PassRepository repository;

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
        enableTap();
        Instant t0 = Instant.parse("2025-03-01T08:00:00Z");
        clock.fixAt(t0.minus(Duration.ofDays(400)));
        purge.purge();
        clock.fixAt(t0);
        Account person = newContact(false);
        for (int i = 0; i < 2500; i++) {
            repository.insert(person.id(), "pbkdf2-sha256$1000$AAAA$AAAA", t0, null, t0, t0.plusSeconds(600), true,
                    false);
        }
        clock.fixAt(t0.plus(Duration.ofDays(31)));
        assertThat(purge.purge()).isEqualTo(2500);
        assertThat(repository.forAccount(person.id(), 10)).isEmpty();
    }
}

@H2Test
class PassPurgeH2Tests extends PassPurgeTests {
}

@PostgresTest
class PassPurgePostgresTests extends PassPurgeTests {
}
