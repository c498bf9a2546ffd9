package org.helpdesk.accounts;

/** What happens to accounts, for the modules that keep a record or tell someone. */
public final class AccountEvents {

    private AccountEvents() {
    }

    public record AccountCreated(long accountId, Long actorId, AccountKind kind, Role role, boolean guest) {
    }

    public record AccountStateChanged(long accountId, long actorId, boolean active) {
    }

    public record AccountRenamed(long accountId, long actorId, String before, String after) {
    }

    public record PasswordChanged(long accountId) {
    }

    /** {@code othersOnly}: the person ended their own other sessions and kept the one they asked from. */
    public record SessionsEnded(long accountId, long actorId, boolean othersOnly) {
    }

    public record SecuritySettingsChanged(long actorId, SecuritySettings before, SecuritySettings after) {
    }
}
