package org.helpdesk.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.helpdesk.HelpdeskApplication;
import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Accounts;
import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.accounts.SignInMethod;
import org.helpdesk.notifications.Outbox.PendingMail;
import org.helpdesk.passes.IssueRequest;
import org.helpdesk.passes.IssuedPass;
import org.helpdesk.passes.TemporaryAccessPasses;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.PostgresTest;
import org.helpdesk.system.Timestamps;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox (spec 9): mails survive a restart and are sent once, a mail server that is down only delays them,
 * and any number of instances can send from the same table without sending anything twice.
 */
abstract class OutboxTests extends MailTestSupport {

    @Autowired
    Environment environment;
    @Autowired
    TransactionTemplate transactions;

    /** Another instance of the service on this test's database and mail server; its sender does not run by itself. */
    private ConfigurableApplicationContext startAnotherInstance() {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + SMTP_PORT,
                "--helpdesk.notifications.send-initial-delay=PT24H", "--helpdesk.passes.purge-initial-delay=PT24H"));
        for (String name : List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                "helpdesk.data-dir", "helpdesk.passes.pepper")) {
            args.add("--" + name + "=" + environment.getProperty(name, ""));
        }
        return new SpringApplicationBuilder(HelpdeskApplication.class).run(args.toArray(String[]::new));
    }

    private Map<String, Object> onlyRow(Account account) {
        List<Map<String, Object>> rows = outboxRows(account);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    /** When the account's {@code index}-th mail (in the order they were written) is due next. */
    private Instant nextAttemptAt(Account account, int index) {
        return jdbc.sql("select next_attempt_at from notification_outbox where account_id = :id order by id")
                .param("id", account.id()).query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant())
                .list().get(index);
    }

    private OutgoingMail mail(Account to, String subject) {
        return new OutgoingMail(MailKind.METHOD_CHANGED, to.email(), subject, "Body of " + subject);
    }

    @Test
    void serviceStoppedRightAfterTheActionThenAnInstanceStartedLaterDeliversTheMailOnce() {
        enableTap();
        Account person = newContact(false);
        Account admin = newAdmin();
        try (ConfigurableApplicationContext stopped = startAnotherInstance()) {
            CurrentUser actor = CurrentUser.of(stopped.getBean(Accounts.class).find(admin.id()).orElseThrow(),
                    SignInMethod.PASSWORD, null, null, null);
            stopped.getBean(TemporaryAccessPasses.class).issue(person.id(), new IssueRequest(null, null, false), actor);
        }
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(onlyRow(person).get("sent_at")).isNull();

        assertThat(sender.sendDue()).isEqualTo(1);
        assertThat(sender.sendDue()).isZero();

        assertThat(received()).singleElement().satisfies(mail -> {
            assertThat(mail.to()).isEqualTo(person.email());
            assertThat(mail.subject()).isEqualTo(SecurityMailTests.PASS_CREATED);
        });
        assertThat(outboxRows(person)).as("a mail sent is deleted at once").isEmpty();
    }

    @Test
    void mailServerDownThenTheActionSucceedsAndTheMailWaitsUntilTheServerIsBackThenGoesOnce() throws Exception {
        smtp.stop();
        clock.fixAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        enableTap();
        Account person = newContact(false);
        IssuedPass pass = issue(person);
        tapSignIn(person.email(), pass.value()).andExpect(redirectedUrl("/"));

        assertThat(sender.sendDue()).isZero();

        // the first failure ends the run: one mail has had an attempt and waits, the other has not been tried
        List<Map<String, Object>> rows = outboxRows(person);
        assertThat(rows).hasSize(2).allSatisfy(row -> {
            assertThat(row.get("sent_at")).isNull();
            assertThat(row.get("claimed_by")).isNull();
        });
        assertThat(rows).extracting(row -> ((Number) row.get("attempts")).intValue()).containsExactly(1, 0);
        assertThat((String) rows.get(0).get("last_error")).contains("127.0.0.1");
        assertThat(nextAttemptAt(person, 0)).isEqualTo(clock.instant().plus(properties.retryDelay()));

        smtp.start();
        assertThat(sender.sendDue()).as("only the mail that was not tried yet").isEqualTo(1);
        assertThat(received()).extracting(Received::subject).containsExactly(SecurityMailTests.TAP_SIGN_IN);

        clock.advance(properties.retryDelay());
        assertThat(sender.sendDue()).isEqualTo(1);
        assertThat(sender.sendDue()).isZero();
        assertThat(received()).extracting(Received::subject).containsExactlyInAnyOrder(
                SecurityMailTests.TAP_SIGN_IN, SecurityMailTests.PASS_CREATED);
        assertThat(outboxRows(person)).as("both sent, nothing kept").isEmpty();
        assertNoPassIn(received(), pass);
    }

    @Test
    void failedAttemptsWaitTwiceAsLongEachTimeAndTheLastAttemptGivesTheMailUp() {
        smtp.stop();
        clock.fixAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Account person = newContact(false);
        outbox.add(person.id(), mail(person, "Retried"), clock.instant());
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(sender.sendDue()).isZero();
            Instant next = nextAttemptAt(person, 0);
            assertThat(Duration.between(clock.instant(), next))
                    .isEqualTo(properties.retryDelay().multipliedBy(1L << (attempt - 1)));
            clock.fixAt(next);
        }
        assertThat(properties.backoff(40)).isEqualTo(properties.maxRetryDelay());

        jdbc.sql("update notification_outbox set attempts = :n where account_id = :id")
                .param("n", properties.maxAttempts() - 1).param("id", person.id()).update();
        assertThat(sender.sendDue()).isZero();
        assertThat(onlyRow(person).get("given_up_at")).isNotNull();
        assertThat(onlyRow(person).get("next_attempt_at")).as("a mail given up is due no more").isNull();
        smtp.start();
        clock.advance(properties.maxRetryDelay().multipliedBy(2));
        assertThat(sender.sendDue()).isZero();
        assertThat(((Number) onlyRow(person).get("attempts")).intValue()).isEqualTo(properties.maxAttempts());
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void rowsClaimedByOneInstanceAreLeftAloneByOthersUntilTheClaimRunsOut() {
        Account person = newContact(false);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.fixAt(now);
        for (String subject : List.of("One", "Two", "Three")) {
            outbox.add(person.id(), mail(person, subject), now);
        }
        Instant until = now.plus(properties.claimTimeout());
        List<PendingMail> first = outbox.claim("instance-a", 2, now, until);
        List<PendingMail> second = outbox.claim("instance-b", 10, now, until);
        assertThat(first).extracting(p -> p.mail().subject()).containsExactly("One", "Two");
        assertThat(second).extracting(p -> p.mail().subject()).containsExactly("Three");
        assertThat(outbox.claim("instance-c", 10, now, until)).isEmpty();

        // both instances stop before sending: the rows wait for their claims to run out, then go once
        assertThat(sender.sendDue()).isZero();
        clock.advance(properties.claimTimeout().plusSeconds(1));
        assertThat(sender.sendDue()).isEqualTo(3);
        assertThat(sender.sendDue()).isZero();
        assertThat(received()).extracting(Received::subject).containsExactlyInAnyOrder("One", "Two", "Three");
    }

    @Test
    void claimWhenAnotherInstanceIsClaimingTheSameRowsAtThatMomentThenOnlyOneOfThemGetsThem() throws Exception {
        Account person = newContact(false);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.fixAt(now);
        for (String subject : List.of("One", "Two", "Three")) {
            outbox.add(person.id(), mail(person, subject), now);
        }
        Instant until = now.plus(properties.claimTimeout());
        CountDownLatch claimedButNotCommitted = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // the first claim holds its rows in an open transaction while the second claim runs into them
            Future<List<PendingMail>> first = pool.submit(() -> transactions.execute(status -> {
                List<PendingMail> claimed = outbox.claim("instance-a", 10, now, until);
                claimedButNotCommitted.countDown();
                await(commit);
                return claimed;
            }));
            assertThat(claimedButNotCommitted.await(30, TimeUnit.SECONDS)).isTrue();
            Future<List<PendingMail>> second = pool.submit(() -> outbox.claim("instance-b", 10, now, until));
            Thread.sleep(500);
            commit.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS)).hasSize(3);
            assertThat(second.get(30, TimeUnit.SECONDS)).isEmpty();
        } finally {
            commit.countDown();
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void instancesSendingAtTheSameTimeSendEachMailOnce() throws Exception {
        Account person = newContact(false);
        int mails = 60;
        for (int i = 0; i < mails; i++) {
            outbox.add(person.id(), mail(person, "Mail " + i), clock.instant());
        }
        Map<String, Integer> deliveries = new ConcurrentHashMap<>();
        MailTransport counting = mail -> deliveries.merge(mail.subject(), 1, Integer::sum);
        NotificationsProperties smallBatches = new NotificationsProperties(properties.from(),
                properties.sendInterval(), 3, properties.claimTimeout(), properties.retryDelay(),
                properties.maxRetryDelay(), properties.maxAttempts(), properties.keepGivenUp());
        int instances = 4;
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                OutboxSender instance = new OutboxSender(outbox, counting, smallBatches, clock);
                results.add(pool.submit(() -> {
                    start.await();
                    return instance.sendDue();
                }));
            }
            start.countDown();
            int sent = 0;
            for (Future<Integer> result : results) {
                sent += result.get(60, TimeUnit.SECONDS);
            }
            assertThat(sent).isEqualTo(mails);
        } finally {
            pool.shutdownNow();
        }
        assertThat(deliveries).hasSize(mails).allSatisfy((subject, count) -> assertThat(count).isEqualTo(1));
        assertThat(outboxRows(person)).isEmpty();
    }

    @Test
    void sentMailIsDeletedAtOnceAndMailGivenUpOnceKeptLongEnough() {
        Account sent = newContact(false);
        Account givenUp = newContact(false);
        Account waiting = newContact(false);
        outbox.add(sent.id(), mail(sent, "Sent"), clock.instant());
        new OutboxSender(outbox, mail -> { }, properties, clock).sendDue();
        assertThat(outboxRows(sent)).isEmpty();

        NotificationsProperties oneAttempt = new NotificationsProperties(properties.from(), properties.sendInterval(),
                properties.batchSize(), properties.claimTimeout(), properties.retryDelay(), properties.maxRetryDelay(),
                1, properties.keepGivenUp());
        outbox.add(givenUp.id(), mail(givenUp, "Given up"), clock.instant());
        new OutboxSender(outbox, mail -> {
            throw new IllegalStateException("refused");
        }, oneAttempt, clock).sendDue();
        outbox.add(waiting.id(), mail(waiting, "Waiting"), clock.instant());
        jdbc.sql("update notification_outbox set next_attempt_at = :later where account_id = :id")
                .param("later", Timestamps.of(clock.instant().plus(Duration.ofDays(365)))).param("id", waiting.id())
                .update();
        assertThat(onlyRow(givenUp).get("given_up_at")).isNotNull();
        assertThat((String) onlyRow(givenUp).get("last_error")).isEqualTo("refused");

        clock.advance(properties.keepGivenUp().minusMinutes(1));
        sender.scheduled();
        sender.scheduledCleanup();
        assertThat(outboxRows(givenUp)).hasSize(1);
        clock.advance(Duration.ofMinutes(2));
        sender.scheduled();
        assertThat(outboxRows(givenUp)).as("the sender's runs delete nothing given up").hasSize(1);
        sender.scheduledCleanup();
        assertThat(outboxRows(givenUp)).isEmpty();
        assertThat(outboxRows(waiting)).hasSize(1);
    }

    @Test
    void mailsGivenUpAreDeletedOnceKeptLongEnoughAndEachRunDeletesOneBatchOldestFirst() {
        Account person = newContact(false);
        Instant longAgo = clock.instant().minus(Duration.ofDays(100));
        for (String subject : List.of("Sent 0", "Sent 1", "Sent 2", "Given up 0", "Given up 1", "Waiting")) {
            outbox.add(person.id(), mail(person, subject), longAgo);
        }
        // sent or given up long ago (before any other test's mails), a minute apart, those given up after those sent
        for (int i = 0; i < 3; i++) {
            jdbc.sql("""
                            update notification_outbox set sent_at = :at, next_attempt_at = null
                            where account_id = :id and subject = :subject""")
                    .param("at", Timestamps.of(longAgo.plus(Duration.ofMinutes(i)))).param("id", person.id())
                    .param("subject", "Sent " + i).update();
        }
        for (int i = 0; i < 2; i++) {
            jdbc.sql("""
                            update notification_outbox set given_up_at = :at, next_attempt_at = null, attempts = :attempts
                            where account_id = :id and subject = :subject""")
                    .param("at", Timestamps.of(longAgo.plus(Duration.ofMinutes(60 + i)))).param("id", person.id())
                    .param("attempts", properties.maxAttempts()).param("subject", "Given up " + i).update();
        }
        Instant cutoff = longAgo.plus(Duration.ofDays(1));

        assertThat(outbox.deleteDoneBefore(cutoff, 4)).isEqualTo(4);
        assertThat(outboxRows(person)).extracting(row -> row.get("subject")).containsExactly("Given up 1", "Waiting");
        assertThat(outbox.deleteDoneBefore(cutoff, 4)).isEqualTo(1);
        assertThat(outbox.deleteDoneBefore(cutoff, 4)).isZero();
        assertThat(outboxRows(person)).extracting(row -> row.get("subject")).containsExactly("Waiting");
    }

    @Test
    void theCleanupDeletesEveryMailOldEnoughInBatches() {
        Account person = newContact(false);
        for (int i = 0; i < 5; i++) {
            outbox.add(person.id(), mail(person, "Sent " + i), clock.instant());
        }
        outbox.add(person.id(), mail(person, "Waiting"), clock.instant());
        jdbc.sql("update notification_outbox set sent_at = :at, next_attempt_at = null "
                        + "where account_id = :id and subject like 'Sent %'")
                .param("at", Timestamps.of(clock.instant())).param("id", person.id()).update();
        clock.advance(properties.keepGivenUp().plusMinutes(1));

        assertThat(sender.deleteDone(2)).isGreaterThanOrEqualTo(5);
        assertThat(outboxRows(person)).extracting(row -> row.get("subject")).containsExactly("Waiting");
    }
}

@H2Test
@TestPropertySource(properties = MailTestSupport.H2_DATABASE)
class OutboxH2Tests extends OutboxTests {
}

@PostgresTest
class OutboxPostgresTests extends OutboxTests {
}
