package org.helpdesk.mfa;

/** What happens to passkeys, for the event log and the owner's mail. Labels only: never a key or a handle. */
public final class PasskeyEvents {

    private PasskeyEvents() {
    }

    public record PasskeyAdded(long accountId, String label) {
    }

    public record PasskeyRemoved(long accountId, long actorId, String label) {
    }
}
