package org.helpdesk.mfa;

import java.time.Instant;

/** A passkey as its owner sees it in the list: never its key. {@code id} is the credential id, base64url. */
public record PasskeyView(String id, String label, Instant createdAt, Instant lastUsedAt) {
}
