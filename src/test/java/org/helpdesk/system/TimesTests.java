package org.helpdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

class TimesTests {

    private static final Instant NOW = Instant.parse("2026-07-01T12:00:00Z");

    private final Times times = new Times("Europe/Paris", messages(), Clock.fixed(NOW, ZoneOffset.UTC));

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    @Test
    void durationsAreInWords() {
        assertThat(times.duration(60)).isEqualTo("1 hour");
        assertThat(times.duration(480)).isEqualTo("8 hours");
        assertThat(times.duration(90)).isEqualTo("1 hour 30 minutes");
        assertThat(times.duration(10)).isEqualTo("10 minutes");
        assertThat(times.duration(1)).isEqualTo("1 minute");
        assertThat(times.duration(43_200)).isEqualTo("30 days");
        assertThat(times.duration(1501)).isEqualTo("1 day 1 hour 1 minute");
    }

    @Test
    void timesAreShownWithTheirZone() {
        assertThat(times.format(Instant.parse("2026-07-01T10:00:00Z"))).isEqualTo("2026-07-01 12:00 CEST");
        assertThat(times.format(null)).isEmpty();
    }

    @Test
    void typedTimesAreReadInTheInstallationsZone() {
        assertThat(times.parseInput("2026-01-15T09:30")).isEqualTo(Instant.parse("2026-01-15T08:30:00Z"));
        assertThat(times.inputValue(Instant.parse("2026-01-15T08:30:00Z"))).isEqualTo("2026-01-15T09:30");
        assertThat(times.parseInput("tomorrow")).isNull();
        assertThat(times.parseInput("2026-02-30T10:00")).isNull();
        assertThat(times.parseInput("x".repeat(100))).isNull();
        assertThat(times.parseInput("")).isNull();
    }

    @Test
    void remainingTimeIsInWordsCountedDownToWholeMinutes() {
        assertThat(times.remaining(NOW.plusSeconds(42 * 60))).isEqualTo("42 minutes");
        assertThat(times.remaining(NOW.plusSeconds(42 * 60 + 59))).isEqualTo("42 minutes");
        assertThat(times.remaining(NOW.plusSeconds(90 * 60))).isEqualTo("1 hour 30 minutes");
        assertThat(times.remaining(NOW.plusSeconds(30))).isEqualTo("30 seconds");
        assertThat(times.remaining(NOW.plusSeconds(1))).isEqualTo("1 second");
    }

    @Test
    void remainingTimeOfWhatHasEndedIsNone() {
        assertThat(times.remaining(NOW)).isEqualTo("0 seconds");
        assertThat(times.remaining(NOW.minusSeconds(600))).isEqualTo("0 seconds");
        assertThat(times.remaining(null)).isEqualTo("0 seconds");
    }
}
