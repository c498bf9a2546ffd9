package org.helpdesk.accounts;

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
class AccountRepository {

    private static final String COLUMNS = """
            id, email, display_name, kind, role, guest, state, password_hash is not null as has_password,
            security_stamp, created_at""";

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String email, String displayName, AccountKind kind, Role role, boolean guest, Instant now, Long actorId) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into accounts (email, email_key, display_name, kind, role, guest, state, created_at, created_by)
                        values (:email, :key, :name, :kind, :role, :guest, 'active', :now, :actor)""")
                .param("email", email)
                .param("key", EmailAddresses.key(email))
                .param("name", displayName)
                .param("kind", kind.dbValue())
                .param("role", role == null ? null : role.dbValue())
                .param("guest", guest)
                .param("now", Timestamps.of(now))
                .param("actor", actorId)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<Account> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from accounts where id = :id")
                .param("id", id).query(AccountRepository::map).optional();
    }

    /** Locks the account's row until the transaction ends, so changes to its passes happen one at a time. */
    Optional<Account> findForUpdate(long id) {
        return jdbc.sql("select " + COLUMNS + " from accounts where id = :id for update")
                .param("id", id).query(AccountRepository::map).optional();
    }

    Optional<Account> findByEmailKey(String key) {
        return jdbc.sql("select " + COLUMNS + " from accounts where email_key = :key")
                .param("key", key).query(AccountRepository::map).optional();
    }

    Optional<String> passwordHash(long id) {
        return jdbc.sql("select password_hash from accounts where id = :id and password_hash is not null")
                .param("id", id).query(String.class).optional();
    }

    /** People of one kind, or of both when {@code kind} is null, by name. */
    List<Account> search(AccountKind kind, String query, int offset, int limit) {
        return jdbc.sql("select " + COLUMNS + " from accounts where " + kindCondition(kind) + searchCondition(query)
                        + " order by lower(display_name), id offset :offset rows fetch next :limit rows only")
                .param("kind", kind == null ? "" : kind.dbValue())
                .param("pattern", likePattern(query))
                .param("offset", offset)
                .param("limit", limit)
                .query(AccountRepository::map).list();
    }

    long count(AccountKind kind, String query) {
        return jdbc.sql("select count(*) from accounts where " + kindCondition(kind) + searchCondition(query))
                .param("kind", kind == null ? "" : kind.dbValue())
                .param("pattern", likePattern(query))
                .query(Long.class).single();
    }

    boolean anyAdmin() {
        return jdbc.sql("select count(*) from accounts where role = 'admin'").query(Long.class).single() > 0;
    }

    int setState(long id, boolean active) {
        return jdbc.sql("""
                        update accounts set state = :state, security_stamp = security_stamp + 1
                        where id = :id""")
                .param("state", active ? "active" : "disabled").param("id", id).update();
    }

    int bumpSecurityStamp(long id) {
        return jdbc.sql("update accounts set security_stamp = security_stamp + 1 where id = :id").param("id", id).update();
    }

    int setPasswordHash(long id, String hash) {
        return jdbc.sql("update accounts set password_hash = :hash where id = :id and guest = false")
                .param("hash", hash).param("id", id).update();
    }

    int setDisplayName(long id, String displayName) {
        return jdbc.sql("update accounts set display_name = :name where id = :id")
                .param("name", displayName).param("id", id).update();
    }

    private static String kindCondition(AccountKind kind) {
        return kind == null ? "1 = 1" : "kind = :kind";
    }

    private static String searchCondition(String query) {
        return query == null || query.isEmpty() ? ""
                : " and (lower(display_name) like :pattern escape '\\' or email_key like :pattern escape '\\')";
    }

    private static String likePattern(String query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        String escaped = query.toLowerCase(java.util.Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }

    private static Account map(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getLong("id"), rs.getString("email"), rs.getString("display_name"),
                AccountKind.fromDb(rs.getString("kind")), Role.fromDb(rs.getString("role")), rs.getBoolean("guest"),
                "active".equals(rs.getString("state")), rs.getBoolean("has_password"), rs.getLong("security_stamp"),
                Timestamps.read(rs, "created_at"));
    }
}
