package org.helpdesk.audit;

import java.time.Instant;

/** One line of the event log, as stored and shown. */
public record AuditEvent(long id, Instant occurredAt, AuditType type, String outcome, String reason, Long actorId,
                         String actorEmail, Long subjectId, String subjectEmail, String clientAddress, String userAgent,
                         String details) {
}
