package org.helpdesk.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.helpdesk.accounts.InvalidInputException;
import org.helpdesk.accounts.InvalidInputException.Problem;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event log through the API (admins only, as in the console): newest first, filtered by time, type and
 * account, paged with an opaque {@code nextCursor} that stays stable while new events arrive.
 */
@RestController
@PreAuthorize("hasRole('ADMIN')")
class AuditEventsApiController {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 200;
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** One event, named like Microsoft Graph's directoryAudit where it has a name for it. */
    record AuditEventResource(long id, Instant activityDateTime, AuditType type, String result, String resultReason,
                              Long initiatedById, String initiatedByMail, Long userId, String userMail,
                              String clientAddress, String userAgent, Map<String, Object> details) {
    }

    record AuditEventPage(List<AuditEventResource> value, String nextCursor) {
    }

    private final AuditLog log;
    private final JsonMapper json;

    AuditEventsApiController(AuditLog log, JsonMapper json) {
        this.log = log;
        this.json = json;
    }

    @GetMapping("/api/v1/audit-events")
    AuditEventPage listAuditEvents(
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) OffsetDateTime from,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) OffsetDateTime to,
            @RequestParam(required = false) AuditType type, @RequestParam(required = false) Long userId,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer size) {
        List<Problem> problems = new ArrayList<>();
        Instant start = instant(from, "from", problems);
        Instant end = instant(to, "to", problems);
        AuditCursor after = null;
        if (cursor != null) {
            after = AuditCursor.decode(cursor).orElse(null);
            if (after == null) {
                problems.add(new Problem("cursor", "events.api.cursor"));
            }
        }
        int pageSize = size == null ? DEFAULT_SIZE : size;
        if (pageSize < 1 || pageSize > MAX_SIZE) {
            problems.add(new Problem("size", "events.api.size"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        AuditSlice slice = log.slice(new AuditQuery(start, end, type, userId), after, pageSize);
        return new AuditEventPage(slice.items().stream().map(this::resource).toList(),
                slice.next() == null ? null : slice.next().encode());
    }

    private static Instant instant(OffsetDateTime value, String field, List<Problem> problems) {
        if (value == null) {
            return null;
        }
        Instant instant = value.toInstant();
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            problems.add(new Problem(field, "events.api.time"));
            return null;
        }
        return instant;
    }

    @SuppressWarnings("unchecked")
    private AuditEventResource resource(AuditEvent e) {
        Map<String, Object> details = null;
        if (e.details() != null) {
            try {
                details = json.readValue(e.details(), Map.class);
            } catch (JacksonException unreadable) {
                details = Map.of("text", e.details());
            }
        }
        return new AuditEventResource(e.id(), e.occurredAt(), e.type(), e.outcome(), e.reason(), e.actorId(),
                e.actorEmail(), e.subjectId(), e.subjectEmail(), e.clientAddress(), e.userAgent(), details);
    }
}
