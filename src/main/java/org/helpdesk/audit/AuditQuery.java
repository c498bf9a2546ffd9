package org.helpdesk.audit;

import java.time.Instant;

/** Filters of the event log; any may be null. {@code accountId} matches the actor or the subject. */
public record AuditQuery(Instant from, Instant to, AuditType type, Long accountId) {
}
