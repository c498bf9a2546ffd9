package org.helpdesk.audit;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a page of the event log ends: the time and id of its last event. Clients get it as an opaque string and
 * hand it back unchanged; it names a position, never a secret.
 */
public record AuditCursor(Instant occurredAt, long id) {

    private static final String VERSION = "1";
    private static final int MAX_LENGTH = 100;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    public String encode() {
        String plain = VERSION + ":" + occurredAt.getEpochSecond() + ":" + occurredAt.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor a string stands for, or empty when it is not one this service handed out. */
    public static Optional<AuditCursor> decode(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.US_ASCII).split(":");
            if (parts.length != 4 || !VERSION.equals(parts[0])) {
                return Optional.empty();
            }
            Instant at = Instant.ofEpochSecond(Long.parseLong(parts[1]), Integer.parseInt(parts[2]));
            long id = Long.parseLong(parts[3]);
            boolean sane = id > 0 && !at.isBefore(Instant.EPOCH) && !at.isAfter(LATEST);
            return sane ? Optional.of(new AuditCursor(at, id)) : Optional.empty();
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
