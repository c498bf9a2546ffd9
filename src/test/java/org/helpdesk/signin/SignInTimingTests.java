package org.helpdesk.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Role;
import org.helpdesk.passes.IssueRequest;
import org.helpdesk.passes.IssuedPass;
import org.helpdesk.support.Browser;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

/**
 * A failed sign-in takes as long whether or not the account exists (spec 5 "the same response time", ASVS v5
 * 6.3.8). Measured over real HTTP: the two kinds of failure are sent in turn, in a random order within each
 * round, after a warm-up, and their latency distributions must overlap. Nothing here is a fixed time limit: the
 * interquartile ranges must intersect, the chance that a try of one kind is slower than a try of the other (the
 * Mann-Whitney effect size) must be near one half, and so must the share of rounds in which the one kind was the
 * slower (a sign test on the pairs, which the load of a busy machine affects less since both tries of a round
 * meet the same load). Runs on the in-memory database, the quickest to start and to query.
 */
@H2Test
class SignInTimingTests extends IntegrationTestSupport {

    private static final int WARM_UP = 10;
    private static final int TRIES = 70;
    /** Known accounts taken in turn, so that none comes near the revocation of its pass after 100 failures. */
    private static final int ACCOUNTS = 4;
    private static final String BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private final Random random = new Random(42);

    /** One kind of sign-in attempt: the request to send for try number i. */
    private interface Attempt {
        HttpRequest request(int i);
    }

    private record Latencies(String name, double[] millis) {

        double quantile(double q) {
            double[] sorted = millis.clone();
            Arrays.sort(sorted);
            double position = q * (sorted.length - 1);
            int below = (int) Math.floor(position);
            int above = Math.min(sorted.length - 1, below + 1);
            return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
        }

        double median() {
            return quantile(0.5);
        }

        double q1() {
            return quantile(0.25);
        }

        double q3() {
            return quantile(0.75);
        }

        double iqr() {
            return q3() - q1();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-34s median %7.2f ms, IQR %7.2f .. %7.2f ms (%.2f ms), n=%d",
                    name, median(), q1(), q3(), iqr(), millis.length);
        }
    }

    /** The probability that a try of {@code x} is slower than one of {@code y}, ties counted half. */
    private static double effectSize(Latencies x, Latencies y) {
        double wins = 0;
        for (double a : x.millis()) {
            for (double b : y.millis()) {
                wins += a > b ? 1 : a == b ? 0.5 : 0;
            }
        }
        return wins / ((double) x.millis().length * y.millis().length);
    }

    private String randomPass(int length) {
        StringBuilder pass = new StringBuilder();
        for (int i = 0; i < length; i++) {
            pass.append(BASE32.charAt(random.nextInt(BASE32.length())));
        }
        return pass.toString();
    }

    /** The same pass with one character changed: right format, wrong pass. */
    private static String wrong(String pass) {
        char first = pass.charAt(0);
        return (first == '7' ? '8' : '7') + pass.substring(1);
    }

    /**
     * Sends both kinds of attempt in turn, in a random order each round, and returns their latencies after the
     * warm-up. Every response must be a 302 to {@code expectedLocation}.
     */
    private record Measured(Latencies first, Latencies second, double firstSlowerInRounds) {
    }

    private Measured measure(Browser browser, String expectedLocation, String firstName, Attempt first,
                                    String secondName, Attempt second) {
        double[][] millis = new double[2][TRIES];
        Attempt[] kinds = {first, second};
        for (int round = 0; round < WARM_UP + TRIES; round++) {
            int firstKind = random.nextInt(2);
            for (int k = 0; k < 2; k++) {
                int kind = k == 0 ? firstKind : 1 - firstKind;
                HttpRequest request = kinds[kind].request(round);
                long start = System.nanoTime();
                HttpResponse<String> response = browser.send(request);
                long took = System.nanoTime() - start;
                assertThat(response.statusCode()).as("%s, try %d", kind == 0 ? firstName : secondName, round)
                        .isEqualTo(302);
                assertThat(browser.location(response)).as("%s, try %d", kind == 0 ? firstName : secondName, round)
                        .isEqualTo(expectedLocation);
                if (round >= WARM_UP) {
                    millis[kind][round - WARM_UP] = took / 1_000_000.0;
                }
            }
        }
        double firstSlower = 0;
        for (int i = 0; i < TRIES; i++) {
            firstSlower += millis[0][i] > millis[1][i] ? 1 : millis[0][i] == millis[1][i] ? 0.5 : 0;
        }
        return new Measured(new Latencies(firstName, millis[0]), new Latencies(secondName, millis[1]),
                firstSlower / TRIES);
    }

    private void assertOverlap(String what, Measured measured) {
        Latencies x = measured.first();
        Latencies y = measured.second();
        double effect = effectSize(x, y);
        System.out.println("[sign-in timing] " + getClass().getSimpleName() + " " + what);
        System.out.println("[sign-in timing]   " + x);
        System.out.println("[sign-in timing]   " + y);
        System.out.println(String.format(Locale.ROOT,
                "[sign-in timing]   medians differ by %.2f ms; P(%s slower) = %.2f",
                Math.abs(x.median() - y.median()), x.name(), effect));
        System.out.println(String.format(Locale.ROOT, "[sign-in timing]   %s slower in %.0f%% of the rounds",
                x.name(), 100 * measured.firstSlowerInRounds()));
        assertThat(Math.max(x.q1(), y.q1())).as("%s: the interquartile ranges intersect", what)
                .isLessThanOrEqualTo(Math.min(x.q3(), y.q3()));
        assertThat(effect).as("%s: either kind is as likely to be the slower one", what).isBetween(0.25, 0.75);
        assertThat(measured.firstSlowerInRounds()).as("%s: either kind is as often the slower one in a round", what)
                .isBetween(0.25, 0.75);
    }

    @Test
    void tapSignInWhenAccountUnknownThenAsSlowAsWhenThePassIsWrong() {
        enableTap();
        List<Account> known = new ArrayList<>();
        List<String> wrongPasses = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            Account contact = newContact(false);
            IssuedPass pass = issue(contact, new IssueRequest(null, 480, false));
            known.add(contact);
            wrongPasses.add(wrong(pass.value()));
        }
        int length = wrongPasses.get(0).length();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            unknown.add(uniqueEmail("nobody"));
        }
        Browser browser = new Browser(port);
        assertThat(browser.get("/login/tap").statusCode()).isEqualTo(200);

        Measured measured = measure(browser, "/login/tap?error=invalid",
                "TAP, unknown account", i -> browser.postRequest("/login/tap",
                        Map.of("username", unknown.get(i % ACCOUNTS), "pass", randomPass(length))),
                "TAP, live pass, wrong pass typed", i -> browser.postRequest("/login/tap",
                        Map.of("username", known.get(i % ACCOUNTS).email(), "pass", wrongPasses.get(i % ACCOUNTS))));

        assertOverlap("TAP sign-in", measured);
        for (Account contact : known) {
            assertThat(passes.hasLivePass(contact.id())).isTrue();
        }
    }

    @Test
    void passwordSignInWhenAccountUnknownThenAsSlowAsWhenThePasswordIsWrong() {
        String password = "correct horse battery staple";
        List<Account> known = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            Account agent = newAgent(Role.AGENT);
            accounts.changeOwnPassword(user(agent), null, password);
            known.add(agent);
        }
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            unknown.add(uniqueEmail("nobody"));
        }
        Browser browser = new Browser(port);
        assertThat(browser.get("/login").statusCode()).isEqualTo(200);

        Measured measured = measure(browser, "/login?error",
                "password, unknown account", i -> browser.postRequest("/login",
                        Map.of("username", unknown.get(i % ACCOUNTS), "password", "wrong horse battery staple")),
                "password, known account, wrong", i -> browser.postRequest("/login",
                        Map.of("username", known.get(i % ACCOUNTS).email(), "password", "wrong horse battery staple")));

        assertOverlap("password sign-in", measured);
    }
}
