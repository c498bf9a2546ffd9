package org.helpdesk.system;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Times as people read and type them: in the installation's time zone, always shown with that zone, and
 * durations in words. Templates reach it as {@code @times}.
 */
@Component("times")
public class Times {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.ROOT);
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm", Locale.ROOT);

    private final ZoneId zone;
    private final MessageSource messages;
    private final Clock clock;

    Times(@Value("${helpdesk.time-zone:UTC}") String zone, MessageSource messages, Clock clock) {
        this.zone = ZoneId.of(zone);
        this.messages = messages;
        this.clock = clock;
    }

    public ZoneId zone() {
        return zone;
    }

    public String zoneName() {
        return zone.getId();
    }

    public String format(Instant instant) {
        return instant == null ? "" : SHOWN.format(instant.atZone(zone));
    }

    /** The value of a {@code datetime-local} field for this instant. */
    public String inputValue(Instant instant) {
        return instant == null ? "" : INPUT.format(instant.atZone(zone));
    }

    /** A {@code datetime-local} value read in the installation's zone; null when it is not a date and time. */
    public Instant parseInput(String value) {
        if (value == null || value.isBlank() || value.length() > 32) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip()).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** "8 hours", "1 day 2 hours", "90 minutes" → "1 hour 30 minutes". */
    public String duration(long minutes) {
        Locale locale = LocaleContextHolder.getLocale();
        long days = minutes / 1440;
        long hours = (minutes % 1440) / 60;
        long mins = minutes % 60;
        StringBuilder out = new StringBuilder();
        append(out, days, "duration.day", locale);
        append(out, hours, "duration.hour", locale);
        append(out, mins, "duration.minute", locale);
        return out.isEmpty() ? messages.getMessage("duration.minute.other", new Object[] {0}, locale) : out.toString();
    }

    /** Like {@link #duration(long)} for waits that may be shorter than a minute. */
    public String durationSeconds(long seconds) {
        if (seconds < 60) {
            Locale locale = LocaleContextHolder.getLocale();
            return messages.getMessage(seconds == 1 ? "duration.second.one" : "duration.second.other",
                    new Object[] {seconds}, locale);
        }
        return duration((seconds + 59) / 60);
    }

    /** The time left from now until {@code end}, in words; whole minutes, counted down, or seconds in the last one. */
    public String remaining(Instant end) {
        Duration left = end == null ? Duration.ZERO : Duration.between(clock.instant(), end);
        long seconds = Math.max(0, left.getSeconds());
        return seconds < 60 ? durationSeconds(seconds) : duration(seconds / 60);
    }

    private void append(StringBuilder out, long amount, String code, Locale locale) {
        if (amount == 0) {
            return;
        }
        if (!out.isEmpty()) {
            out.append(' ');
        }
        out.append(messages.getMessage(code + (amount == 1 ? ".one" : ".other"), new Object[] {amount}, locale));
    }
}
