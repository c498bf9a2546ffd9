package org.helpdesk.passes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.InvalidInputException;
import org.helpdesk.accounts.InvalidInputException.Problem;
import org.helpdesk.passes.PassEvents.PassIssued;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What issuing one pass and issuing many have in common: the policy's rules for the shared settings, and making
 * and storing a pass. Its callers hold the transaction and have checked who may issue to whom.
 */
@Component
class PassIssuer {

    static final Duration LATEST_START = Duration.ofDays(30);
    static final Duration START_GRACE = Duration.ofMinutes(5);

    /** The settings of a pass about to be made, checked against the policy. */
    record Terms(TapPolicy policy, Instant now, Instant start, Instant end, boolean usableOnce) {
    }

    private final TapPolicies policies;
    private final PassRepository repository;
    private final PassGenerator generator;
    private final PassVerifiers verifiers;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PassIssuer(TapPolicies policies, PassRepository repository, PassGenerator generator, PassVerifiers verifiers,
               ApplicationEventPublisher events, Clock clock) {
        this.policies = policies;
        this.repository = repository;
        this.generator = generator;
        this.verifiers = verifiers;
        this.events = events;
        this.clock = clock;
    }

    /** The policy, when it lets passes be issued at all. */
    TapPolicy enabledPolicy() {
        TapPolicy policy = policies.current();
        if (!policy.enabled()) {
            throw new InvalidInputException("policy", "pass.policyDisabled");
        }
        return policy;
    }

    /** The start, end and one-time flag of a new pass, or every rule of the policy the request breaks. */
    Terms terms(TapPolicy policy, IssueRequest request) {
        List<Problem> problems = new ArrayList<>();
        int lifetime = request.lifetimeInMinutes() == null ? policy.defaultLifetimeInMinutes()
                : request.lifetimeInMinutes();
        if (!policy.allowsLifetime(lifetime)) {
            problems.add(new Problem("lifetimeInMinutes", "pass.lifetime.outside"));
        }
        Instant now = clock.instant();
        Instant start = request.startsAt() == null ? now : request.startsAt();
        if (start.isBefore(now.minus(START_GRACE))) {
            problems.add(new Problem("startDateTime", "pass.start.past"));
        } else if (start.isAfter(now.plus(LATEST_START))) {
            problems.add(new Problem("startDateTime", "pass.start.tooLate"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (start.isBefore(now)) {
            start = now;
        }
        return new Terms(policy, now, start, start.plus(Duration.ofMinutes(lifetime)),
                policy.isUsableOnce() || request.usableOnce());
    }

    /** Makes a pass under the policy for an account whose row the caller has locked; any live pass is replaced. */
    IssuedPass issue(Account account, Terms terms, long actorId) {
        String value = generator.generate(terms.policy().defaultLength(), terms.policy().characterSet());
        return store(account, value, terms.policy().storageScheme(), terms.start(), terms.end(), terms.usableOnce(),
                false, actorId, terms.now());
    }

    IssuedPass store(Account account, String value, StorageScheme scheme, Instant start, Instant end,
                     boolean usableOnce, boolean setup, Long actorId, Instant now) {
        List<Long> replaced = repository.deleteLive(account.id(), now);
        long id = repository.insert(account.id(), verifiers.create(value, scheme), now, actorId, start, end,
                usableOnce, setup);
        events.publishEvent(new PassIssued(id, account.id(), actorId, start, end, usableOnce, setup,
                replaced.isEmpty() ? null : replaced.get(0)));
        return new IssuedPass(id, account.id(), value, start, end, usableOnce, !replaced.isEmpty(), now);
    }
}
