package org.helpdesk.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Accounts;
import org.helpdesk.accounts.EmailAddresses;
import org.helpdesk.accounts.SignInMethod;
import org.helpdesk.signin.SignInEvents.SignInThrottled;
import org.helpdesk.system.Timestamps;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Slows down guessing (NIST SP 800-63B 5.2.2, ASVS 2.2.1). Consecutive failures of one account with one method
 * meet doubling waits after a few free ones, and a success clears them; failures from one client address are
 * capped per window, whichever accounts they aim at. All counts live in the database, so every instance sees the
 * same ones, and each is moved by a single atomic statement. A method's count never blocks another method.
 * Unknown addresses are counted like known ones, so throttling reveals nothing about who has an account.
 */
@Component
class SignInThrottle {

    private final JdbcClient jdbc;
    private final ThrottleProperties properties;
    private final Accounts accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SignInThrottle(JdbcClient jdbc, ThrottleProperties properties, Accounts accounts, ApplicationEventPublisher events,
                   Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    static String accountKey(SignInMethod method, String typedEmail) {
        String email = typedEmail == null ? null : EmailAddresses.normalize(typedEmail);
        return method.name().toLowerCase(Locale.ROOT) + ":" + (email == null ? "(not an address)" : EmailAddresses.key(email));
    }

    /**
     * The second step of a sign-in counts per account, apart from the first step: a right password, which clears
     * the password's count, must not clear the count of wrong codes.
     */
    static String secondStepKey(long accountId) {
        return "second-step:" + accountId;
    }

    static String addressKey(String address) {
        return "address:" + (address == null ? "unknown" : address);
    }

    /**
     * Throws when either the account or the address must wait; records the refusal, naming the account if any.
     * Otherwise tells whether the account had failures counted, for {@link #succeeded}.
     */
    Allowed checkAllowed(SignInMethod method, String typedEmail, String address) {
        return checkAllowed(method, accountKey(method, typedEmail), address, () -> typedEmail == null
                || typedEmail.length() > EmailAddresses.MAX_LENGTH ? null
                : accounts.findByEmail(typedEmail).map(Account::id).orElse(null));
    }

    /** The same for a count kept under a key of its own, such as {@link #secondStepKey}. */
    Allowed checkAllowed(SignInMethod method, String accountKey, String address, Supplier<Long> accountId) {
        Instant now = clock.instant();
        Map<String, Optional<Instant>> counted = counted(accountKey, addressKey(address));
        Optional<Instant> accountWait = waitOf(counted.get(accountKey), now);
        Optional<Instant> addressWait = waitOf(counted.get(addressKey(address)), now);
        if (accountWait.isPresent() || addressWait.isPresent()) {
            Instant until = accountWait.orElse(Instant.MIN).isAfter(addressWait.orElse(Instant.MIN))
                    ? accountWait.get() : addressWait.get();
            long seconds = Math.max(1, Duration.between(now, until).toSeconds() + 1);
            events.publishEvent(new SignInThrottled(method, accountId.get(), accountWait.isPresent() ? "account" : "address",
                    seconds));
            throw new SignInThrottledException(seconds);
        }
        return new Allowed(accountKey, counted.containsKey(accountKey));
    }

    /**
     * The outcome of {@link #checkAllowed}: the attempt may go on, and whether the account's key had a count then.
     * A count made by a failure that races with the success may outlive the success; the next success clears it.
     */
    record Allowed(String accountKey, boolean counted) {
    }

    private static Optional<Instant> waitOf(Optional<Instant> blockedUntil, Instant now) {
        return blockedUntil == null ? Optional.empty() : blockedUntil.filter(now::isBefore);
    }

    /** Counts a failure; returns the account's consecutive failures with this method. */
    int failed(SignInMethod method, String typedEmail, String address) {
        return failed(accountKey(method, typedEmail), address);
    }

    /** Counts a failure under a key of its own; returns the consecutive failures under that key. */
    int failed(String accountKey, String address) {
        Instant now = clock.instant();
        int consecutive = increment(accountKey, now, null);
        if (consecutive > properties.freeFailures()) {
            long exponent = Math.min(30, consecutive - properties.freeFailures() - 1L);
            Duration wait = properties.firstDelay().multipliedBy(1L << exponent);
            if (wait.compareTo(properties.maxDelay()) > 0) {
                wait = properties.maxDelay();
            }
            blockUntil(accountKey, now.plus(wait));
        }
        Instant windowStart = now.minus(properties.addressWindow());
        int fromAddress = increment(addressKey(address), now, windowStart);
        if (fromAddress >= properties.addressMaxFailures()) {
            Instant opened = jdbc.sql("select window_start from signin_throttle where throttle_key = :key")
                    .param("key", addressKey(address)).query((rs, row) -> Timestamps.read(rs, "window_start"))
                    .optional().orElse(now);
            blockUntil(addressKey(address), opened.plus(properties.addressWindow()));
        }
        return consecutive;
    }

    /**
     * A success clears the account's count for this method (NIST SP 800-63B rev 4 3.2.2); an account without one,
     * the usual case, costs no statement.
     */
    void succeeded(Allowed allowed) {
        if (allowed.counted()) {
            reset(allowed.accountKey());
        }
    }

    void reset(String key) {
        jdbc.sql("delete from signin_throttle where throttle_key = :key").param("key", key).update();
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void forgetIdle() {
        Instant cutoff = clock.instant().minus(properties.forgetAfter());
        jdbc.sql("delete from signin_throttle where last_failure_at < :cutoff and (blocked_until is null or blocked_until < :cutoff)")
                .param("cutoff", Timestamps.of(cutoff)).update();
    }

    /** The keys, of the two asked for in one statement, that have a count, and until when each is blocked. */
    private Map<String, Optional<Instant>> counted(String accountKey, String addressKey) {
        Map<String, Optional<Instant>> counted = new HashMap<>();
        jdbc.sql("select throttle_key, blocked_until from signin_throttle where throttle_key in (:accountKey, :addressKey)")
                .param("accountKey", accountKey).param("addressKey", addressKey)
                .query(rs -> {
                    counted.put(rs.getString("throttle_key"), Optional.ofNullable(Timestamps.read(rs, "blocked_until")));
                });
        return counted;
    }

    /**
     * Adds one failure atomically and returns the count. With a {@code windowStart}, a count older than the window
     * starts again from one.
     */
    private int increment(String key, Instant now, Instant windowStart) {
        for (int attempt = 0; attempt < 3; attempt++) {
            int updated = jdbc.sql("""
                            update signin_throttle
                            set failures = case when :windowed = true and window_start < :windowStart then 1
                                                else failures + 1 end,
                                window_start = case when :windowed = true and window_start < :windowStart then :now
                                                    else window_start end,
                                last_failure_at = :now
                            where throttle_key = :key""")
                    .param("windowed", windowStart != null)
                    .param("windowStart", Timestamps.of(windowStart == null ? now : windowStart))
                    .param("now", Timestamps.of(now))
                    .param("key", key)
                    .update();
            if (updated == 0) {
                try {
                    jdbc.sql("""
                                    insert into signin_throttle (throttle_key, failures, window_start, last_failure_at)
                                    values (:key, 1, :now, :now)""")
                            .param("key", key).param("now", Timestamps.of(now)).update();
                    return 1;
                } catch (DuplicateKeyException raced) {
                    continue;
                }
            }
            return jdbc.sql("select failures from signin_throttle where throttle_key = :key")
                    .param("key", key).query(Integer.class).optional().orElse(1);
        }
        throw new IllegalStateException("Could not count a sign-in failure");
    }

    private void blockUntil(String key, Instant until) {
        jdbc.sql("""
                        update signin_throttle set blocked_until = :until
                        where throttle_key = :key and (blocked_until is null or blocked_until < :until)""")
                .param("key", key).param("until", Timestamps.of(until)).update();
    }
}
