package org.helpdesk.passes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.helpdesk.accounts.Account;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.PostgresTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A sign-in does the slow hash on every path while a pass kept under the slow scheme can still be compared, and on
 * none when no such pass can (spec 4.4; the time taken tells nothing either way, since every path does the same).
 */
abstract class SlowChecksTests extends IntegrationTestSupport {

    private static final TapPolicy LONG_PASSES = new TapPolicy(true, 10, 480, 60, false, 24, CharacterSet.BASE32);

    @Autowired
    PassVerifiers verifiers;
    @Autowired
    PassesProperties properties;

    private Instant windowBefore;

    @BeforeEach
    void noShortPassLeft() {
        windowBefore = window();
        jdbc.sql("update tap_policy set slow_checks_until = null where id = 1").update();
        clock.fixAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    @AfterEach
    void restoreTheWindow() {
        Instant now = window();
        Instant restored = windowBefore == null || (now != null && now.isAfter(windowBefore)) ? now : windowBefore;
        jdbc.sql("update tap_policy set slow_checks_until = :until where id = 1")
                .param("until", restored == null ? null : restored.atOffset(ZoneOffset.UTC)).update();
    }

    private Instant window() {
        return jdbc.sql("select slow_checks_until from tap_policy where id = 1")
                .query((rs, row) -> {
                    OffsetDateTime value = rs.getObject(1, OffsetDateTime.class);
                    return value == null ? null : value.toInstant();
                }).list().get(0);
    }

    /** The slow hashes the sign-in made. */
    private long slowHashesOf(String email, String pass) {
        long before = verifiers.slowChecks();
        passes.signIn(email, pass);
        return verifiers.slowChecks() - before;
    }

    private static String wrong(String pass) {
        return (pass.charAt(0) == '7' ? '8' : '7') + pass.substring(1);
    }

    @Test
    void longPassesOnlyThenNoPathDoesASlowHash() throws Exception {
        setPolicy(LONG_PASSES);
        Account person = newContact(false);
        IssuedPass pass = issue(person);
        assertThat(window()).as("a pass under the keyed hash opens no window").isNull();

        long before = verifiers.slowChecks();
        tapSignIn(person.email(), pass.value()).andExpect(redirectedUrl("/"));
        tapSignIn(person.email(), wrong(pass.value())).andExpect(redirectedUrl("/login/tap?error=invalid"));
        tapSignIn(uniqueEmail("nobody"), pass.value()).andExpect(redirectedUrl("/login/tap?error=invalid"));
        tapSignIn(person.email(), "not a pass at all").andExpect(redirectedUrl("/login/tap?error=invalid"));
        assertThat(verifiers.slowChecks() - before).isZero();
    }

    @Test
    void aShortPassKeepsEveryPathSlowUntilThePurgeMayHaveRemovedIt() {
        enableTap();
        Account shortHolder = newContact(false);
        IssuedPass shortPass = issue(shortHolder);
        assertThat(window()).isEqualTo(shortPass.endsAt());

        setPolicy(LONG_PASSES);
        Account longHolder = newContact(false);
        IssuedPass longPass = issue(longHolder);
        assertThat(window()).as("a pass under the keyed hash leaves the window as it was").isEqualTo(shortPass.endsAt());

        assertThat(slowHashesOf(uniqueEmail("nobody"), longPass.value())).isEqualTo(1);
        assertThat(slowHashesOf(longHolder.email(), wrong(longPass.value()))).isEqualTo(1);
        assertThat(slowHashesOf(shortHolder.email(), wrong(shortPass.value()))).isEqualTo(1);
        assertThat(slowHashesOf(longHolder.email(), "not a pass at all")).isEqualTo(1);

        // the short pass ended, and the purge keeps it no longer: nothing slow can be compared any more
        clock.fixAt(shortPass.endsAt().plus(properties.purgeAfter()));
        assertThat(slowHashesOf(uniqueEmail("nobody"), longPass.value())).isZero();
        assertThat(slowHashesOf(shortHolder.email(), shortPass.value())).as("not compared").isZero();
        assertThat(passes.signIn(shortHolder.email(), shortPass.value())).isInstanceOf(PassCheck.Refused.class);
    }
}

@H2Test
class SlowChecksH2Tests extends SlowChecksTests {
}

@PostgresTest
class SlowChecksPostgresTests extends SlowChecksTests {
}
