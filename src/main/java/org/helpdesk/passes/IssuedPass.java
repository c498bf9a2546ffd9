package org.helpdesk.passes;

import java.time.Instant;

/**
 * A pass just made, with its value in clear: the only moment it exists. It is shown once and not kept;
 * {@link #toString()} leaves the value out so a log line cannot carry it.
 */
public record IssuedPass(long passId, long accountId, String value, Instant startsAt, Instant endsAt,
                         boolean usableOnce, boolean replacedLivePass, Instant createdAt) {

    public String grouped() {
        return PassFormat.grouped(value);
    }

    /** The state of the new pass under the policy at that moment (it may not have started yet). */
    public PassState stateAt(TapPolicy policy, Instant now) {
        return PassState.of(new StoredPass(passId, accountId, null, createdAt, null, startsAt, endsAt, usableOnce,
                false, null, null, 0), policy, now);
    }

    @Override
    public String toString() {
        return "IssuedPass[passId=" + passId + ", accountId=" + accountId + ", startsAt=" + startsAt + ", endsAt="
                + endsAt + ", usableOnce=" + usableOnce + "]";
    }
}
