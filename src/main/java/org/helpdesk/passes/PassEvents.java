package org.helpdesk.passes;

import java.time.Instant;

import org.helpdesk.accounts.Account;

/** What happens to passes and policy, for the modules that keep a record or tell someone. None holds a pass. */
public final class PassEvents {

    private PassEvents() {
    }

    public record PolicyChanged(long actorId, TapPolicy before, TapPolicy after) {
    }

    public record PassIssued(long passId, long accountId, Long actorId, Instant startsAt, Instant endsAt,
                             boolean usableOnce, boolean setup, Long replacedPassId) {
    }

    /** Passes issued to several people at once; each pass also has its own {@link PassIssued}. */
    public record PassBatchIssued(long actorId, int count) {
    }

    public record PassDeleted(long passId, long accountId, long actorId) {
    }

    public record PassesPurged(int count, Instant endedBefore) {
    }

    /**
     * A sign-in with a pass, accepted or refused with its precise reason; published in the checking transaction.
     * {@code setupPass} tells whether an accepted pass was the setup pass of spec 2; {@code account} is the account
     * an accepted pass signs in to, as the check read it in this transaction (null when refused).
     */
    public record PassSignInChecked(Long accountId, Long passId, boolean accepted, PassCheck.Reason reason,
                                    boolean setupPass, Account account) {
    }
}
