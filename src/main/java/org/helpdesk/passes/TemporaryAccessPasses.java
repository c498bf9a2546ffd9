package org.helpdesk.passes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Accounts;
import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.accounts.InvalidInputException;
import org.helpdesk.accounts.PersonNotFoundException;
import org.helpdesk.passes.PassCheck.Accepted;
import org.helpdesk.passes.PassCheck.Reason;
import org.helpdesk.passes.PassCheck.Refused;
import org.helpdesk.passes.PassEvents.PassDeleted;
import org.helpdesk.passes.PassEvents.PassSignInChecked;
import org.helpdesk.passes.PassRepository.SignInCandidates;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Issuing, listing, deleting and checking Temporary Access Passes (spec 4.2 - 5). */
@Service
public class TemporaryAccessPasses {

    /**
     * Passes compared at sign-in: the newest, which is the live one if there is one (issuing removes any other), or
     * else the one that expired or was used last, so that a person typing it is told so. Every sign-in attempt does
     * this many slow hashes, whatever the account holds; one keeps a sign-in within the budget of spec 4.4's work
     * factor.
     */
    static final int CANDIDATES = 1;
    static final int SETUP_PASS_LENGTH = 24;

    private final PassRepository repository;
    private final TapPolicies policies;
    private final Accounts accounts;
    private final PassGenerator generator;
    private final PassVerifiers verifiers;
    private final PassIssuer issuer;
    private final ApplicationEventPublisher events;
    private final PassesProperties properties;
    private final Clock clock;

    TemporaryAccessPasses(PassRepository repository, TapPolicies policies, Accounts accounts, PassGenerator generator,
                          PassVerifiers verifiers, PassIssuer issuer, ApplicationEventPublisher events,
                          PassesProperties properties, Clock clock) {
        this.properties = properties;
        this.issuer = issuer;
        this.repository = repository;
        this.policies = policies;
        this.accounts = accounts;
        this.generator = generator;
        this.verifiers = verifiers;
        this.events = events;
        this.clock = clock;
    }

    /** An admin issues a pass to someone else; any live pass of that person is replaced. */
    @Transactional
    public IssuedPass issue(long accountId, IssueRequest request, CurrentUser actor) {
        if (actor == null || !actor.isAdmin()) {
            throw new AccessDeniedException("Only admins issue passes");
        }
        if (actor.id() == accountId) {
            throw new InvalidInputException("account", "pass.notForYourself");
        }
        TapPolicy policy = issuer.enabledPolicy();
        Account account = accounts.findForUpdate(accountId).orElseThrow(PersonNotFoundException::new);
        if (!account.active()) {
            throw new InvalidInputException("account", "pass.accountDisabled");
        }
        return issuer.issue(account, issuer.terms(policy, request), actor.id());
    }

    /**
     * The setup pass of a new installation's admin (spec 2): one-time, of at least 112 bits, and usable whether
     * or not the policy is enabled. Replaces any live pass of the account.
     */
    @Transactional
    public IssuedPass issueSetupPass(long accountId, Duration lifetime) {
        Account account = accounts.findForUpdate(accountId).orElseThrow(PersonNotFoundException::new);
        Instant now = clock.instant();
        String value = generator.generate(SETUP_PASS_LENGTH, CharacterSet.BASE32);
        return issuer.store(account, value, StorageScheme.HMAC_SHA256, now, now.plus(lifetime), true, true, null, now);
    }

    /** The person's passes with their states, newest first. Visible to admins and managers. */
    public List<PassView> list(long accountId, CurrentUser viewer) {
        requireViewer(viewer);
        TapPolicy policy = policies.current();
        Instant now = clock.instant();
        Map<Long, String> names = new HashMap<>();
        return repository.forAccount(accountId, 100).stream().map(p -> view(p, policy, now, names)).toList();
    }

    /** One pass of the person, with its state. Visible to admins and managers. */
    public PassView find(long accountId, long passId, CurrentUser viewer) {
        requireViewer(viewer);
        StoredPass pass = repository.find(passId).filter(p -> p.accountId() == accountId)
                .orElseThrow(PassNotFoundException::new);
        return view(pass, policies.current(), clock.instant(), new HashMap<>());
    }

    private static void requireViewer(CurrentUser viewer) {
        if (viewer == null || !viewer.canManagePeople()) {
            throw new AccessDeniedException("Only admins and managers see passes");
        }
    }

    private PassView view(StoredPass p, TapPolicy policy, Instant now, Map<Long, String> names) {
        return new PassView(p.id(), p.accountId(), PassState.of(p, policy, now), p.createdAt(),
                p.createdBy() == null ? null : names.computeIfAbsent(p.createdBy(),
                        by -> accounts.find(by).map(Account::displayName).orElse(null)),
                p.startsAt(), p.endsAt(), Duration.between(p.startsAt(), p.endsAt()).toMinutes(),
                p.usableOnce(), p.setup(), p.lastUsedAt(), p.useCount());
    }

    /** Whether the person has a pass that is neither expired nor used up (issuing would replace it). */
    public boolean hasLivePass(long accountId) {
        Instant now = clock.instant();
        return repository.forAccount(accountId, 2).stream().anyMatch(p -> p.live(now));
    }

    @Transactional
    public void delete(long accountId, long passId, CurrentUser actor) {
        if (actor == null || !actor.isAdmin()) {
            throw new AccessDeniedException("Only admins delete passes");
        }
        Optional<StoredPass> pass = repository.find(passId).filter(p -> p.accountId() == accountId);
        if (pass.isEmpty() || repository.delete(passId) == 0) {
            throw new PassNotFoundException();
        }
        events.publishEvent(new PassDeleted(passId, accountId, actor.id()));
    }

    /** Removes the account's live pass, if any (too many failed sign-ins); returns the ids removed. */
    @Transactional
    public List<Long> revokeLivePass(long accountId) {
        return repository.deleteLive(accountId, clock.instant());
    }

    /** Whether the pass still exists: a session made with a deleted pass ends. */
    public boolean exists(long passId) {
        return repository.exists(passId);
    }

    /**
     * Checks a sign-in with a pass (spec 5). Paths that have no pass to compare do the same hashing work as
     * those that do, so that the outcome cannot be told from the time it takes.
     */
    @Transactional
    public PassCheck signIn(String email, String typedPass) {
        PassCheck result = check(email, typedPass);
        if (result instanceof Accepted accepted) {
            events.publishEvent(new PassSignInChecked(accepted.account().id(), accepted.passId(), true, null,
                    accepted.setupPass(), accepted.account()));
        } else if (result instanceof Refused refused) {
            events.publishEvent(new PassSignInChecked(refused.accountId(), refused.passId(), false, refused.reason(),
                    false, null));
        }
        return result;
    }

    private PassCheck check(String email, String typedPass) {
        String pass = PassFormat.normalize(typedPass);
        Instant now = clock.instant();
        Optional<Account> found = email == null || email.length() > 320 ? Optional.empty() : accounts.findByEmail(email);
        // The same queries and the same hashing on every path: the time taken tells nothing. While a pass kept
        // under the slow scheme can still be compared (until the purge, some time after its end), every path does
        // exactly one slow hash; when none can, no path does one.
        SignInCandidates read = repository.signInCandidates(found.map(Account::id).orElse(-1L), CANDIDATES);
        List<StoredPass> candidates = read.passes();
        boolean slowWork = read.slowChecksUntil() != null
                && now.isBefore(read.slowChecksUntil().plus(properties.purgeAfter()));
        StoredPass matched = null;
        int slowChecks = 0;
        int keyedChecks = 0;
        if (pass != null) {
            for (StoredPass candidate : candidates) {
                boolean slow = PassVerifiers.schemeOf(candidate.verifier()) == StorageScheme.PBKDF2_SHA256;
                if (slow && !slowWork) {
                    // ended longer ago than the purge keeps passes: it can never sign in, and is not compared
                    continue;
                }
                if (slow) {
                    slowChecks++;
                } else {
                    keyedChecks++;
                }
                if (verifiers.matches(pass, candidate.verifier()) && matched == null) {
                    matched = candidate;
                }
            }
        }
        if (slowWork) {
            for (int i = slowChecks; i < CANDIDATES; i++) {
                verifiers.dummyCheck(pass);
            }
        } else if (keyedChecks == 0) {
            verifiers.dummyKeyedCheck(pass);
        }
        if (pass == null || found.isEmpty()) {
            return new Refused(pass == null ? Reason.MALFORMED_INPUT : Reason.UNKNOWN_ACCOUNT,
                    found.map(Account::id).orElse(null), null);
        }
        Account account = found.get();
        if (!account.active()) {
            return new Refused(Reason.ACCOUNT_DISABLED, account.id(), matched == null ? null : matched.id());
        }
        if (matched == null) {
            return new Refused(candidates.isEmpty() ? Reason.NO_PASS : Reason.WRONG_PASS, account.id(), null);
        }
        // The use is recorded only if the pass may be used now, policy included, all in one statement; the policy
        // is read on its own only to tell why not.
        int updated = matched.usableOnce() ? repository.consumeOnce(matched.id(), now)
                : repository.recordUse(matched.id(), now);
        if (updated == 0) {
            PassState state = PassState.of(matched, policies.current(), now);
            return new Refused(state.usable() ? (matched.usableOnce() ? Reason.ONE_TIME_USED : Reason.EXPIRED)
                    : reasonFor(state), account.id(), matched.id());
        }
        return new Accepted(account, matched.id(), matched.endsAt(), matched.setup());
    }

    private static Reason reasonFor(PassState state) {
        return switch (state) {
            case Expired -> Reason.EXPIRED;
            case OneTimeUsed -> Reason.ONE_TIME_USED;
            case NotYetValid -> Reason.NOT_YET_VALID;
            case DisabledByPolicy -> Reason.DISABLED_BY_POLICY;
            case EnabledByPolicy -> throw new IllegalArgumentException("usable");
        };
    }
}
