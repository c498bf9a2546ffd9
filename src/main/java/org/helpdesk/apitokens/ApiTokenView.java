package org.helpdesk.apitokens;

import java.time.Instant;

/** What the owner sees of a token in the list: its name, its first characters, when it was made and last used. */
public record ApiTokenView(long id, String name, String shown, Instant createdAt, Instant lastUsedAt) {
}
