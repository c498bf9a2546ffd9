package org.helpdesk.mfa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Accounts;
import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.accounts.InvalidInputException;
import org.helpdesk.mfa.MfaEvents.AuthenticatorAppAdded;
import org.helpdesk.mfa.MfaEvents.AuthenticatorAppRemoved;
import org.helpdesk.mfa.MfaEvents.RecoveryCodeUsed;
import org.helpdesk.mfa.MfaEvents.RecoveryCodesCreated;
import org.helpdesk.system.Timestamps;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Authenticator apps (RFC 6238) and their recovery codes: adding one (a secret shown, then confirmed with a code),
 * removing it, new recovery codes, and checking a code at sign-in. A person has at most one app; guests none
 * (spec 6). A code is accepted once: the time step of the last accepted code is kept, and moved on only by a
 * single conditional update to a later step.
 */
@Service("authenticatorApps")
public class AuthenticatorApps implements SecondFactor {

    /** How long a secret shown for adding an app stays good for confirming it. */
    static final Duration PENDING_LIFETIME = Duration.ofMinutes(30);

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final TotpCodes totp;
    private final SecretCipher cipher;
    private final RecoveryCodes recoveryCodes;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AuthenticatorApps(JdbcClient jdbc, Accounts accounts, TotpCodes totp, SecretCipher cipher,
                      RecoveryCodes recoveryCodes, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.totp = totp;
        this.cipher = cipher;
        this.recoveryCodes = recoveryCodes;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public boolean isRegisteredFor(long accountId) {
        return confirmedAt(accountId).isPresent();
    }

    public AppStatus statusOf(long accountId) {
        return confirmedAt(accountId).map(at -> new AppStatus(true, at, recoveryCodes.left(accountId)))
                .orElse(AppStatus.NONE);
    }

    /**
     * The secret to show for adding an app: the one shown a moment ago if it is still good, so that reloading the
     * page does not change it under an app that already read it; otherwise a new one.
     */
    @Transactional
    PendingApp begin(CurrentUser user) {
        Account account = mayHaveApp(user);
        if (isRegisteredFor(account.id())) {
            throw new InvalidInputException(null, "authenticatorApp.alreadyAdded");
        }
        Optional<String> pending = pendingSecret(account.id());
        if (pending.isEmpty()) {
            String secret = totp.newSecret();
            jdbc.sql("delete from authenticator_apps where account_id = :id and confirmed_at is null")
                    .param("id", account.id()).update();
            try {
                jdbc.sql("insert into authenticator_apps (account_id, secret, created_at) values (:id, :secret, :now)")
                        .param("id", account.id()).param("secret", cipher.encrypt(account.id(), secret))
                        .param("now", Timestamps.of(clock.instant())).update();
                pending = Optional.of(secret);
            } catch (DuplicateKeyException raced) {
                pending = pendingSecret(account.id());
            }
        }
        String secret = pending.orElseThrow(() -> new InvalidInputException(null, "authenticatorApp.alreadyAdded"));
        return new PendingApp(secret, TotpCodes.uri(secret, account.email()));
    }

    /** Confirms the app being added with a code it shows, and returns the new recovery codes, to be shown once. */
    @Transactional
    List<String> confirm(CurrentUser user, String code) {
        Account account = mayHaveApp(user);
        String secret = pendingSecret(account.id())
                .orElseThrow(() -> new InvalidInputException("code", "authenticatorApp.expired"));
        OptionalLong step = totp.matchingStep(secret, code);
        if (step.isEmpty()) {
            throw new InvalidInputException("code", "authenticatorApp.wrongCode");
        }
        int confirmed = jdbc.sql("""
                        update authenticator_apps set confirmed_at = :now, last_step = :step
                        where account_id = :id and confirmed_at is null and created_at > :since""")
                .param("now", Timestamps.of(clock.instant())).param("step", step.getAsLong())
                .param("id", account.id()).param("since", Timestamps.of(clock.instant().minus(PENDING_LIFETIME)))
                .update();
        if (confirmed != 1) {
            throw new InvalidInputException("code", "authenticatorApp.expired");
        }
        events.publishEvent(new AuthenticatorAppAdded(account.id()));
        return newCodes(account.id(), true);
    }

    /** Removes the person's app, with its recovery codes; false when there was none. */
    @Transactional
    boolean remove(CurrentUser user) {
        Account account = mayHaveApp(user);
        boolean had = isRegisteredFor(account.id());
        jdbc.sql("delete from authenticator_apps where account_id = :id").param("id", account.id()).update();
        recoveryCodes.deleteAll(account.id());
        if (had) {
            events.publishEvent(new AuthenticatorAppRemoved(account.id()));
        }
        return had;
    }

    /** New recovery codes in place of all the old ones; only with an app. */
    @Transactional
    List<String> replaceRecoveryCodes(CurrentUser user) {
        Account account = mayHaveApp(user);
        if (!isRegisteredFor(account.id())) {
            throw new InvalidInputException(null, "recoveryCodes.noApp");
        }
        return newCodes(account.id(), false);
    }

    /**
     * Checks what a person typed at the second step of a sign-in: a code of their app (not accepted before) or one
     * of their recovery codes (then spent). Spaces, hyphens and case do not matter.
     */
    @Transactional
    public SecondFactorCheck check(long accountId, String typed) {
        if (!isRegisteredFor(accountId)) {
            return SecondFactorCheck.REFUSED;
        }
        if (TotpCodes.normalize(typed) != null) {
            String secret = cipher.decrypt(accountId, jdbc.sql(
                            "select secret from authenticator_apps where account_id = :id and confirmed_at is not null")
                    .param("id", accountId).query(String.class).single());
            OptionalLong step = totp.matchingStep(secret, typed);
            return step.isPresent() && acceptStep(accountId, step.getAsLong())
                    ? SecondFactorCheck.APP_CODE : SecondFactorCheck.REFUSED;
        }
        if (recoveryCodes.spend(accountId, typed)) {
            events.publishEvent(new RecoveryCodeUsed(accountId, recoveryCodes.left(accountId)));
            return SecondFactorCheck.RECOVERY_CODE;
        }
        return SecondFactorCheck.REFUSED;
    }

    private boolean acceptStep(long accountId, long step) {
        return jdbc.sql("""
                        update authenticator_apps set last_step = :step
                        where account_id = :id and confirmed_at is not null and (last_step is null or last_step < :step)""")
                .param("step", step).param("id", accountId).update() == 1;
    }

    private List<String> newCodes(long accountId, boolean withNewApp) {
        List<String> codes = recoveryCodes.replace(accountId);
        events.publishEvent(new RecoveryCodesCreated(accountId, codes.size(), withNewApp));
        return codes;
    }

    /** The signed-in person's account, unless it is a guest's: guests sign in only with a pass (spec 6). */
    private Account mayHaveApp(CurrentUser user) {
        Account account = accounts.find(user.id()).orElseThrow(() -> new AccessDeniedException("No account"));
        if (account.guest()) {
            throw new AccessDeniedException("Guests cannot have an authenticator app");
        }
        return account;
    }

    private Optional<Instant> confirmedAt(long accountId) {
        return jdbc.sql("select confirmed_at from authenticator_apps where account_id = :id and confirmed_at is not null")
                .param("id", accountId).query((rs, n) -> Timestamps.read(rs, "confirmed_at")).optional();
    }

    private Optional<String> pendingSecret(long accountId) {
        return jdbc.sql("""
                        select secret from authenticator_apps
                        where account_id = :id and confirmed_at is null and created_at > :since""")
                .param("id", accountId).param("since", Timestamps.of(clock.instant().minus(PENDING_LIFETIME)))
                .query(String.class).optional().map(stored -> cipher.decrypt(accountId, stored));
    }
}
