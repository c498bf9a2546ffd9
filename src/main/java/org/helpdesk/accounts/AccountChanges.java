package org.helpdesk.accounts;

/**
 * What may change of an existing account; null leaves a value as it is.
 *
 * @param displayName the new name
 * @param active      true to enable the account, false to disable it (which ends its sessions)
 */
public record AccountChanges(String displayName, Boolean active) {
}
