package org.helpdesk.apitokens;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.helpdesk.system.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class ApiTokenRepository {

    /** A token as stored: its hash, never the token. */
    record StoredToken(long id, long accountId, String name, String shown, Instant createdAt, Instant lastUsedAt) {
    }

    private static final String COLUMNS = "id, account_id, name, token_prefix, created_at, last_used_at";

    private final JdbcClient jdbc;

    ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long accountId, String name, String hash, String shown, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into api_tokens (account_id, name, token_hash, token_prefix, created_at)
                        values (:account, :name, :hash, :shown, :now)""")
                .param("account", accountId)
                .param("name", name)
                .param("hash", hash)
                .param("shown", shown)
                .param("now", Timestamps.of(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    List<StoredToken> forAccount(long accountId) {
        return jdbc.sql("select " + COLUMNS + " from api_tokens where account_id = :account order by created_at, id")
                .param("account", accountId).query(ApiTokenRepository::map).list();
    }

    long count(long accountId) {
        return jdbc.sql("select count(*) from api_tokens where account_id = :account")
                .param("account", accountId).query(Long.class).single();
    }

    boolean nameTaken(long accountId, String name) {
        return jdbc.sql("select count(*) from api_tokens where account_id = :account and name = :name")
                .param("account", accountId).param("name", name).query(Long.class).single() > 0;
    }

    Optional<StoredToken> findByHash(String hash) {
        return jdbc.sql("select " + COLUMNS + " from api_tokens where token_hash = :hash")
                .param("hash", hash).query(ApiTokenRepository::map).optional();
    }

    Optional<StoredToken> find(long id, long accountId) {
        return jdbc.sql("select " + COLUMNS + " from api_tokens where id = :id and account_id = :account")
                .param("id", id).param("account", accountId).query(ApiTokenRepository::map).optional();
    }

    int delete(long id, long accountId) {
        return jdbc.sql("delete from api_tokens where id = :id and account_id = :account")
                .param("id", id).param("account", accountId).update();
    }

    /** Records a use, at most once a minute per token, so that busy clients do not write on every call. */
    void recordUse(long id, Instant now) {
        jdbc.sql("""
                        update api_tokens set last_used_at = :now
                        where id = :id and (last_used_at is null or last_used_at < :since)""")
                .param("id", id)
                .param("now", Timestamps.of(now))
                .param("since", Timestamps.of(now.minusSeconds(60)))
                .update();
    }

    private static StoredToken map(ResultSet rs, int row) throws SQLException {
        return new StoredToken(rs.getLong("id"), rs.getLong("account_id"), rs.getString("name"),
                rs.getString("token_prefix"), Timestamps.read(rs, "created_at"), Timestamps.read(rs, "last_used_at"));
    }
}
