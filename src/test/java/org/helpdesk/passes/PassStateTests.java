package org.helpdesk.passes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class PassStateTests {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final TapPolicy ON = new TapPolicy(true, 10, 480, 60, false, 12, CharacterSet.BASE32);
    private static final TapPolicy OFF = new TapPolicy(false, 10, 480, 60, false, 12, CharacterSet.BASE32);
    private static final TapPolicy ONE_TIME_REQUIRED = new TapPolicy(true, 10, 480, 60, true, 12, CharacterSet.BASE32);

    private static StoredPass pass(Duration startOffset, Duration length, boolean once, boolean setup, Instant usedAt) {
        Instant start = NOW.plus(startOffset);
        return new StoredPass(1, 1, "v", NOW, null, start, start.plus(length), once, setup, usedAt, usedAt,
                usedAt == null ? 0 : 1);
    }

    @Test
    void usableWithinItsPeriodUnderAnEnabledPolicy() {
        assertThat(PassState.of(pass(Duration.ZERO, Duration.ofHours(1), false, false, null), ON, NOW))
                .isEqualTo(PassState.EnabledByPolicy);
    }

    @Test
    void notYetValidBeforeItsStart() {
        assertThat(PassState.of(pass(Duration.ofMinutes(1), Duration.ofHours(1), false, false, null), ON, NOW))
                .isEqualTo(PassState.NotYetValid);
    }

    @Test
    void expiredAtItsEndExactly() {
        StoredPass p = pass(Duration.ofHours(-1), Duration.ofHours(1), false, false, null);
        assertThat(PassState.of(p, ON, NOW)).isEqualTo(PassState.Expired);
        assertThat(PassState.of(p, ON, NOW.minusNanos(1))).isEqualTo(PassState.EnabledByPolicy);
    }

    @Test
    void oneTimeUsedOnceUsedEvenAfterItExpires() {
        StoredPass p = pass(Duration.ofHours(-2), Duration.ofHours(1), true, false, NOW.minus(Duration.ofHours(2)));
        assertThat(PassState.of(p, ON, NOW)).isEqualTo(PassState.OneTimeUsed);
    }

    @Test
    void usedReusablePassStaysUsable() {
        assertThat(PassState.of(pass(Duration.ZERO, Duration.ofHours(1), false, false, NOW), ON, NOW))
                .isEqualTo(PassState.EnabledByPolicy);
    }

    @Test
    void disabledByPolicyWhenPolicyOffOrWhenItNowRequiresOneTimeUse() {
        assertThat(PassState.of(pass(Duration.ZERO, Duration.ofHours(1), false, false, null), OFF, NOW))
                .isEqualTo(PassState.DisabledByPolicy);
        assertThat(PassState.of(pass(Duration.ZERO, Duration.ofHours(1), false, false, null), ONE_TIME_REQUIRED, NOW))
                .isEqualTo(PassState.DisabledByPolicy);
        assertThat(PassState.of(pass(Duration.ZERO, Duration.ofHours(1), true, false, null), ONE_TIME_REQUIRED, NOW))
                .isEqualTo(PassState.EnabledByPolicy);
    }

    @Test
    void setupPassWorksWhateverThePolicy() {
        assertThat(PassState.of(pass(Duration.ZERO, Duration.ofHours(1), true, true, null), OFF, NOW))
                .isEqualTo(PassState.EnabledByPolicy);
    }

    @Test
    void liveMeansNeitherExpiredNorUsedUp() {
        assertThat(pass(Duration.ZERO, Duration.ofHours(1), true, false, null).live(NOW)).isTrue();
        assertThat(pass(Duration.ZERO, Duration.ofHours(1), true, false, NOW).live(NOW)).isFalse();
        assertThat(pass(Duration.ofHours(-2), Duration.ofHours(1), false, false, null).live(NOW)).isFalse();
        assertThat(pass(Duration.ofHours(1), Duration.ofHours(1), false, false, null).live(NOW)).isTrue();
    }
}
