package org.helpdesk.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpServletRequest;

import org.helpdesk.accounts.ResultPage;
import org.helpdesk.system.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads the event log. Entries are written by listeners that run in the transaction of the change
 * they describe, so a change and its record commit or roll back together. The client address and user agent
 * come from the request being served, when there is one.
 */
@Service
public class AuditLog {

    static final int MAX_USER_AGENT = 255;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    void record(AuditType type, String outcome, String reason, Long actorId, Long subjectId, Map<String, ?> details) {
        String address = null;
        String agent = null;
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            HttpServletRequest request = servlet.getRequest();
            address = request.getRemoteAddr();
            agent = clean(request.getHeader("User-Agent"));
        }
        jdbc.sql("""
                        insert into audit_events (occurred_at, type, outcome, reason, actor_id, subject_id,
                                                  client_address, user_agent, details)
                        values (:at, :type, :outcome, :reason, :actor, :subject, :address, :agent, :details)""")
                .param("at", Timestamps.of(clock.instant()))
                .param("type", type.name())
                .param("outcome", outcome)
                .param("reason", reason)
                .param("actor", actorId)
                .param("subject", subjectId)
                .param("address", address)
                .param("agent", agent)
                .param("details", details == null || details.isEmpty() ? null : json.writeValueAsString(details))
                .update();
    }

    /** Newest first. */
    public ResultPage<AuditEvent> search(AuditQuery query, int page, int size) {
        int safePage = Math.max(0, Math.min(page, 1_000_000));
        Filter filter = Filter.of(query, null);
        long total = filter.bind(jdbc.sql("select count(*) from audit_events e" + filter.where())).query(Long.class).single();
        List<AuditEvent> items = filter.bind(jdbc.sql(SELECT + filter.where()
                        + " order by e.occurred_at desc, e.id desc offset :offset rows fetch next :limit rows only"))
                .param("offset", safePage * size).param("limit", size)
                .query(AuditLog::map).list();
        return new ResultPage<>(items, safePage, size, total);
    }

    /**
     * Newest first, the page after {@code cursor} (from the start when null). Keyset paging on (time, id): events
     * written while a client pages through are never skipped nor shown twice, however deep it goes.
     */
    public AuditSlice slice(AuditQuery query, AuditCursor cursor, int size) {
        Filter filter = Filter.of(query, cursor);
        List<AuditEvent> items = filter.bind(jdbc.sql(SELECT + filter.where()
                        + " order by e.occurred_at desc, e.id desc fetch first :limit rows only"))
                .param("limit", size + 1)
                .query(AuditLog::map).list();
        if (items.size() <= size) {
            return new AuditSlice(items, null);
        }
        AuditEvent last = items.get(size - 1);
        return new AuditSlice(items.subList(0, size), new AuditCursor(last.occurredAt(), last.id()));
    }

    /** Every matching event, newest first, handed over one at a time so that a large export is not held in memory. */
    public void forEach(AuditQuery query, int limit, Consumer<AuditEvent> consumer) {
        Filter filter = Filter.of(query, null);
        filter.bind(jdbc.sql(SELECT + filter.where() + " order by e.occurred_at desc, e.id desc fetch first :limit rows only"))
                .param("limit", limit)
                .query(AuditLog::map).stream().forEach(consumer);
    }

    private static final String SELECT = """
            select e.id, e.occurred_at, e.type, e.outcome, e.reason, e.actor_id, actor.email as actor_email,
                   e.subject_id, subject.email as subject_email, e.client_address, e.user_agent, e.details
            from audit_events e
            left join accounts actor on actor.id = e.actor_id
            left join accounts subject on subject.id = e.subject_id""";

    private record Filter(List<String> conditions, AuditQuery query, AuditCursor cursor) {

        static Filter of(AuditQuery q, AuditCursor cursor) {
            List<String> conditions = new ArrayList<>();
            if (q.from() != null) {
                conditions.add("e.occurred_at >= :from");
            }
            if (q.to() != null) {
                conditions.add("e.occurred_at < :to");
            }
            if (q.type() != null) {
                conditions.add("e.type = :type");
            }
            if (q.accountId() != null) {
                conditions.add("(e.subject_id = :account or e.actor_id = :account)");
            }
            if (cursor != null) {
                conditions.add("(e.occurred_at < :cursorAt or (e.occurred_at = :cursorAt and e.id < :cursorId))");
            }
            return new Filter(conditions, q, cursor);
        }

        String where() {
            return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        }

        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
            if (query.from() != null) {
                spec = spec.param("from", Timestamps.of(query.from()));
            }
            if (query.to() != null) {
                spec = spec.param("to", Timestamps.of(query.to()));
            }
            if (query.type() != null) {
                spec = spec.param("type", query.type().name());
            }
            if (query.accountId() != null) {
                spec = spec.param("account", query.accountId());
            }
            if (cursor != null) {
                spec = spec.param("cursorAt", Timestamps.of(cursor.occurredAt())).param("cursorId", cursor.id());
            }
            return spec;
        }
    }

    private static AuditEvent map(ResultSet rs, int row) throws SQLException {
        return new AuditEvent(rs.getLong("id"), Timestamps.read(rs, "occurred_at"), AuditType.valueOf(rs.getString("type")),
                rs.getString("outcome"), rs.getString("reason"), nullableLong(rs, "actor_id"), rs.getString("actor_email"),
                nullableLong(rs, "subject_id"), rs.getString("subject_email"), rs.getString("client_address"),
                rs.getString("user_agent"), rs.getString("details"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static String clean(String value) {
        if (value == null) {
            return null;
        }
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > MAX_USER_AGENT ? printable.substring(0, MAX_USER_AGENT) : printable;
    }
}
