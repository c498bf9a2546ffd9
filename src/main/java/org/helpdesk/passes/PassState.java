package org.helpdesk.passes;

import java.time.Instant;

/** Whether a pass can be used now and why not, named like Microsoft Entra's methodUsabilityReason. */
public enum PassState {
    EnabledByPolicy, NotYetValid, Expired, OneTimeUsed, DisabledByPolicy;

    public boolean usable() {
        return this == EnabledByPolicy;
    }

    /** Terminal states first: a used or expired pass stays so whatever the policy says. */
    static PassState of(StoredPass pass, TapPolicy policy, Instant now) {
        if (pass.usableOnce() && pass.usedAt() != null) {
            return OneTimeUsed;
        }
        if (!now.isBefore(pass.endsAt())) {
            return Expired;
        }
        if (!pass.setup() && (!policy.enabled() || (policy.isUsableOnce() && !pass.usableOnce()))) {
            return DisabledByPolicy;
        }
        if (now.isBefore(pass.startsAt())) {
            return NotYetValid;
        }
        return EnabledByPolicy;
    }
}
