package org.helpdesk.passes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.helpdesk.system.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class PassRepository {

    private static final String COLUMNS = """
            id, account_id, verifier, created_at, created_by, starts_at, ends_at, usable_once, setup, used_at,
            last_used_at, use_count""";

    private final JdbcClient jdbc;

    PassRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long accountId, String verifier, Instant now, Long actorId, Instant startsAt, Instant endsAt,
                boolean usableOnce, boolean setup) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into temporary_access_passes
                            (account_id, verifier, created_at, created_by, starts_at, ends_at, usable_once, setup)
                        values (:account, :verifier, :now, :actor, :starts, :ends, :once, :setup)""")
                .param("account", accountId)
                .param("verifier", verifier)
                .param("now", Timestamps.of(now))
                .param("actor", actorId)
                .param("starts", Timestamps.of(startsAt))
                .param("ends", Timestamps.of(endsAt))
                .param("once", usableOnce)
                .param("setup", setup)
                .update(keys, "id");
        if (PassVerifiers.schemeOf(verifier) == StorageScheme.PBKDF2_SHA256) {
            jdbc.sql("""
                            update tap_policy set slow_checks_until = :ends
                            where id = 1 and (slow_checks_until is null or slow_checks_until < :ends)""")
                    .param("ends", Timestamps.of(endsAt)).update();
        }
        return keys.getKey().longValue();
    }

    /**
     * What a sign-in compares, in one statement: the account's newest passes, and the latest end of any pass kept
     * under the slow scheme (the pass-policy row always exists, so it comes back even when the account has none).
     */
    SignInCandidates signInCandidates(long accountId, int limit) {
        String columns = Arrays.stream(COLUMNS.split(",")).map(c -> "p." + c.strip())
                .collect(Collectors.joining(", "));
        List<StoredPass> passes = new ArrayList<>();
        Instant[] slowChecksUntil = new Instant[1];
        jdbc.sql("select pol.slow_checks_until, " + columns
                        + " from tap_policy pol left join temporary_access_passes p on p.account_id = :account"
                        + " where pol.id = 1"
                        + " order by p.created_at desc, p.id desc fetch first :limit rows only")
                .param("account", accountId).param("limit", limit)
                .query(rs -> {
                    slowChecksUntil[0] = Timestamps.read(rs, "slow_checks_until");
                    if (rs.getObject("id") != null) {
                        passes.add(map(rs, passes.size()));
                    }
                });
        return new SignInCandidates(passes, slowChecksUntil[0]);
    }

    record SignInCandidates(List<StoredPass> passes, Instant slowChecksUntil) {
    }

    /** The account's passes, newest first. */
    List<StoredPass> forAccount(long accountId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from temporary_access_passes where account_id = :account"
                        + " order by created_at desc, id desc fetch first :limit rows only")
                .param("account", accountId).param("limit", limit)
                .query(PassRepository::map).list();
    }

    Optional<StoredPass> find(long passId) {
        return jdbc.sql("select " + COLUMNS + " from temporary_access_passes where id = :id")
                .param("id", passId).query(PassRepository::map).optional();
    }

    boolean exists(long passId) {
        return jdbc.sql("select count(*) from temporary_access_passes where id = :id")
                .param("id", passId).query(Long.class).single() > 0;
    }

    /** Removes the account's pass that is neither expired nor used up, if any; returns the ids removed. */
    List<Long> deleteLive(long accountId, Instant now) {
        List<Long> live = jdbc.sql("""
                        select id from temporary_access_passes
                        where account_id = :account and ends_at > :now and (usable_once = false or used_at is null)""")
                .param("account", accountId).param("now", Timestamps.of(now))
                .query(Long.class).list();
        for (Long id : live) {
            jdbc.sql("delete from temporary_access_passes where id = :id").param("id", id).update();
        }
        return live;
    }

    int delete(long passId) {
        return jdbc.sql("delete from temporary_access_passes where id = :id").param("id", passId).update();
    }

    /**
     * Consumes a one-time pass: of any number of concurrent callers, on any number of instances, exactly one
     * sees 1 row updated. A pass other than a setup pass is consumed only while the policy allows passes, read in
     * the same statement, so that a policy switched off at the same moment is never missed.
     */
    int consumeOnce(long passId, Instant now) {
        return jdbc.sql("""
                        update temporary_access_passes
                        set used_at = :now, last_used_at = :now, use_count = use_count + 1
                        where id = :id and usable_once = true and used_at is null
                          and starts_at <= :now and ends_at > :now
                          and (setup = true or exists (select 1 from tap_policy where id = 1 and enabled = true))""")
                .param("id", passId).param("now", Timestamps.of(now)).update();
    }

    /**
     * Records a use of a reusable pass that is still within its period and that the policy allows: passes are on,
     * and reusable ones are not refused by a policy that wants every pass used once (setup passes follow no policy).
     */
    int recordUse(long passId, Instant now) {
        return jdbc.sql("""
                        update temporary_access_passes
                        set last_used_at = :now, use_count = use_count + 1
                        where id = :id and usable_once = false and starts_at <= :now and ends_at > :now
                          and (setup = true or exists (select 1 from tap_policy
                                                       where id = 1 and enabled = true and usable_once_required = false))""")
                .param("id", passId).param("now", Timestamps.of(now)).update();
    }

    /**
     * Deletes up to {@code batchSize} passes that ended before the cutoff; returns how many went. The oldest go
     * first, read off the end-time index in order, so that a batch never sorts every pass due for deletion.
     */
    int purgeBatch(Instant endedBefore, int batchSize) {
        return jdbc.sql("""
                        delete from temporary_access_passes
                        where id in (select id from temporary_access_passes
                                     where ends_at < :cutoff order by ends_at fetch first :batch rows only)""")
                .param("cutoff", Timestamps.of(endedBefore)).param("batch", batchSize).update();
    }

    private static StoredPass map(ResultSet rs, int row) throws SQLException {
        long createdBy = rs.getLong("created_by");
        return new StoredPass(rs.getLong("id"), rs.getLong("account_id"), rs.getString("verifier"),
                Timestamps.read(rs, "created_at"), rs.wasNull() ? null : createdBy, Timestamps.read(rs, "starts_at"),
                Timestamps.read(rs, "ends_at"), rs.getBoolean("usable_once"), rs.getBoolean("setup"),
                Timestamps.read(rs, "used_at"), Timestamps.read(rs, "last_used_at"), rs.getInt("use_count"));
    }
}
