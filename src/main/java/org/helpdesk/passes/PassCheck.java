package org.helpdesk.passes;

import java.time.Instant;

import org.helpdesk.accounts.Account;

/** The outcome of a sign-in attempt with a pass. */
public sealed interface PassCheck {

    /** The pass signs the account in; the session must end by {@code endsAt}. */
    record Accepted(Account account, long passId, Instant endsAt, boolean setupPass) implements PassCheck {
    }

    /** Refused, with the precise reason for the event log; people see only what {@link Reason} allows. */
    record Refused(Reason reason, Long accountId, Long passId) implements PassCheck {
    }

    enum Reason {
        MALFORMED_INPUT, UNKNOWN_ACCOUNT, ACCOUNT_DISABLED, NO_PASS, WRONG_PASS,
        EXPIRED, ONE_TIME_USED, NOT_YET_VALID, DISABLED_BY_POLICY;

        /** Only once the typed pass matched a pass may the person be told what is wrong with it (NIST 6.4). */
        public boolean tellsThePerson() {
            return this == EXPIRED || this == ONE_TIME_USED || this == NOT_YET_VALID;
        }
    }
}
