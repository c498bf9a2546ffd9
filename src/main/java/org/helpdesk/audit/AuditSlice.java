package org.helpdesk.audit;

import java.util.List;

/** Some events of the log, newest first, and where the next ones start (null after the last). */
public record AuditSlice(List<AuditEvent> items, AuditCursor next) {
}
