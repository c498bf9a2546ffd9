package org.helpdesk.passes;

import java.time.Instant;

/** A pass as stored: its verifier and its life, never the pass itself. */
record StoredPass(long id, long accountId, String verifier, Instant createdAt, Long createdBy, Instant startsAt,
                  Instant endsAt, boolean usableOnce, boolean setup, Instant usedAt, Instant lastUsedAt, int useCount) {

    /** Not yet expired and not used up: the kind a person may have only one of. */
    boolean live(Instant now) {
        return now.isBefore(endsAt) && !(usableOnce && usedAt != null);
    }

    @Override
    public String toString() {
        return "StoredPass[id=" + id + ", accountId=" + accountId + "]";
    }
}
