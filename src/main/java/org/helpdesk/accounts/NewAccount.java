package org.helpdesk.accounts;

/** What an admin or manager types to create a person. */
public record NewAccount(String email, String displayName, AccountKind kind, Role role, boolean guest) {
}
