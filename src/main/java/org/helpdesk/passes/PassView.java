package org.helpdesk.passes;

import java.time.Instant;

/** What the Authentication tab shows of a pass (spec 4.3). */
public record PassView(long id, long accountId, PassState state, Instant createdAt, String createdByName,
                       Instant startsAt, Instant endsAt, long lifetimeInMinutes, boolean usableOnce, boolean setup,
                       Instant lastUsedAt, int useCount) {
}
