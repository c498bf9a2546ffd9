package org.helpdesk.notifications;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.helpdesk.system.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Mails waiting in the database. Adding joins the caller's transaction; every other statement stands alone, and
 * those that hand a row to one instance are single conditional {@code UPDATE}s, so that any number of instances
 * can work on the same table.
 */
@Repository
class Outbox {

    private static final int MAX_ERROR_LENGTH = 500;

    private final JdbcClient jdbc;

    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(long accountId, OutgoingMail mail, Instant now) {
        jdbc.sql("""
                        insert into notification_outbox (account_id, kind, recipient, subject, body, created_at,
                                                         next_attempt_at)
                        values (:account, :kind, :recipient, :subject, :body, :now, :now)""")
                .param("account", accountId).param("kind", mail.kind().name()).param("recipient", mail.recipient())
                .param("subject", mail.subject()).param("body", mail.body()).param("now", Timestamps.of(now))
                .update();
    }

    /**
     * Claims up to {@code batchSize} due rows for {@code claimant} until {@code until} and returns them, those due
     * longest first, read off the index of due rows (a row sent or given up has no next attempt). The
     * conditions are checked again on each row as it is updated: of two instances that pick the same row, the
     * one whose update comes second finds it claimed and leaves it.
     */
    List<PendingMail> claim(String claimant, int batchSize, Instant now, Instant until) {
        jdbc.sql("""
                        update notification_outbox set claimed_by = :claimant, claimed_until = :until
                        where id in (select id from notification_outbox
                                     where next_attempt_at <= :now and sent_at is null and given_up_at is null
                                       and (claimed_until is null or claimed_until <= :now)
                                     order by next_attempt_at, id fetch first :batch rows only)
                          and sent_at is null and given_up_at is null
                          and (claimed_until is null or claimed_until <= :now)""")
                .param("claimant", claimant).param("until", Timestamps.of(until)).param("now", Timestamps.of(now))
                .param("batch", batchSize).update();
        return jdbc.sql("""
                        select id, account_id, kind, recipient, subject, body, attempts from notification_outbox
                        where claimed_by = :claimant and sent_at is null and given_up_at is null order by id""")
                .param("claimant", claimant).query(Outbox::map).list();
    }

    /**
     * Deletes a mail once it is sent: nothing of it is kept. Returns false when the claim had run out and another
     * instance took the row over meanwhile.
     */
    boolean deleteSent(long id, String claimant) {
        return jdbc.sql("""
                        delete from notification_outbox
                        where id = :id and claimed_by = :claimant and sent_at is null""")
                .param("id", id).param("claimant", claimant).update() == 1;
    }

    /** Records a failed attempt; the row is due again at {@code nextAttempt}, or given up when that is null. */
    void markFailed(long id, String claimant, String error, Instant now, Instant nextAttempt) {
        boolean givingUp = nextAttempt == null;
        jdbc.sql("""
                        update notification_outbox
                        set attempts = attempts + 1, last_error = :error,
                            next_attempt_at = :next, given_up_at = :givenUp,
                            claimed_by = null, claimed_until = null
                        where id = :id and claimed_by = :claimant and sent_at is null""")
                .param("error", shorten(error)).param("next", givingUp ? null : Timestamps.of(nextAttempt))
                .param("givenUp", givingUp ? Timestamps.of(now) : null)
                .param("id", id).param("claimant", claimant).update();
    }

    /** Gives back the rows a claimant holds but did not get to, for any instance to take at once. */
    void release(String claimant) {
        jdbc.sql("""
                        update notification_outbox set claimed_by = null, claimed_until = null
                        where claimed_by = :claimant and sent_at is null""")
                .param("claimant", claimant).update();
    }

    /**
     * Deletes a batch of rows given up before {@code cutoff} (or sent before it, as rows were kept once they were
     * sent until this service deleted them at once); returns how many.
     */
    int deleteDoneBefore(Instant cutoff, int batchSize) {
        return jdbc.sql("""
                        delete from notification_outbox
                        where id in (select id from notification_outbox
                                     where sent_at < :cutoff or given_up_at < :cutoff
                                     order by id fetch first :batch rows only)""")
                .param("cutoff", Timestamps.of(cutoff)).param("batch", batchSize).update();
    }

    private static String shorten(String error) {
        String text = error == null ? "unknown error" : error.replaceAll("\\p{Cntrl}", " ").strip();
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }

    private static PendingMail map(ResultSet rs, int row) throws SQLException {
        return new PendingMail(rs.getLong("id"), rs.getLong("account_id"),
                new OutgoingMail(MailKind.valueOf(rs.getString("kind")), rs.getString("recipient"),
                        rs.getString("subject"), rs.getString("body")), rs.getInt("attempts"));
    }

    /** A claimed row: the mail and how many attempts were made before this one. */
    record PendingMail(long id, long accountId, OutgoingMail mail, int attempts) {
    }
}
