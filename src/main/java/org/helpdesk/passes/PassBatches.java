package org.helpdesk.passes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Accounts;
import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.accounts.EmailAddresses;
import org.helpdesk.accounts.InvalidInputException;
import org.helpdesk.accounts.InvalidInputException.Problem;
import org.helpdesk.passes.BatchRefusedException.EntryProblem;
import org.helpdesk.passes.PassEvents.PassBatchIssued;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Passes for many people at once, a shift's crew, with shared settings. All or nothing: every entry is checked
 * before any pass is made, every problem is reported, and the passes are made in one transaction.
 */
@Service
public class PassBatches {

    public static final int MAX_PEOPLE = 1000;

    /** One person of the batch, named by account id or by email address (exactly one of the two). */
    public record Recipient(Long accountId, String email) {
    }

    /** A pass of the batch and the person it is for. */
    public record Issued(Account account, IssuedPass pass) {
    }

    private final Accounts accounts;
    private final PassIssuer issuer;
    private final ApplicationEventPublisher events;

    PassBatches(Accounts accounts, PassIssuer issuer, ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.issuer = issuer;
        this.events = events;
    }

    /** Issues a pass to each person, in the order given; admins only, never to themselves. */
    @Transactional
    public List<Issued> issue(List<Recipient> recipients, IssueRequest request, CurrentUser actor) {
        if (actor == null || !actor.isAdmin()) {
            throw new AccessDeniedException("Only admins issue passes");
        }
        List<Problem> settings = new ArrayList<>();
        if (recipients == null || recipients.isEmpty()) {
            settings.add(new Problem("users", "batch.empty"));
        } else if (recipients.size() > MAX_PEOPLE) {
            settings.add(new Problem("users", "batch.tooMany"));
        }
        PassIssuer.Terms terms = null;
        try {
            terms = issuer.terms(issuer.enabledPolicy(), request);
        } catch (InvalidInputException e) {
            settings.addAll(e.problems());
        }
        if (recipients == null || recipients.isEmpty() || recipients.size() > MAX_PEOPLE) {
            throw new BatchRefusedException(settings, List.of());
        }
        List<EntryProblem> entries = new ArrayList<>();
        List<Target> targets = resolve(recipients, actor, entries);
        if (!settings.isEmpty() || !entries.isEmpty()) {
            throw new BatchRefusedException(settings, entries);
        }
        // Rows are locked in id order, so that two batches for overlapping crews cannot deadlock; an account
        // disabled in the meantime refuses the whole batch.
        Map<Long, Account> locked = new HashMap<>();
        for (Target target : targets.stream().sorted(Comparator.comparingLong(t -> t.account().id())).toList()) {
            Account account = accounts.findForUpdate(target.account().id()).filter(Account::active)
                    .orElseThrow(() -> new BatchRefusedException(List.of(),
                            List.of(new EntryProblem(target.index(), "pass.accountDisabled"))));
            locked.put(account.id(), account);
        }
        List<Issued> issued = new ArrayList<>(targets.size());
        for (Target target : targets) {
            Account account = locked.get(target.account().id());
            issued.add(new Issued(account, issuer.issue(account, terms, actor.id())));
        }
        events.publishEvent(new PassBatchIssued(actor.id(), issued.size()));
        return issued;
    }

    private record Target(int index, Account account) {
    }

    private List<Target> resolve(List<Recipient> recipients, CurrentUser actor, List<EntryProblem> problems) {
        List<Target> people = new ArrayList<>(recipients.size());
        Map<Long, Integer> seen = new HashMap<>();
        for (int i = 0; i < recipients.size(); i++) {
            Recipient recipient = recipients.get(i);
            String problem;
            Optional<Account> found = Optional.empty();
            if (recipient == null || (recipient.accountId() == null) == (recipient.email() == null)) {
                problem = "batch.entry.oneOf";
            } else if (recipient.accountId() != null) {
                found = accounts.find(recipient.accountId());
                problem = found.isEmpty() ? "batch.entry.unknownId" : null;
            } else if (EmailAddresses.normalize(recipient.email()) == null) {
                problem = "batch.entry.invalidEmail";
            } else {
                found = accounts.findByEmail(recipient.email());
                problem = found.isEmpty() ? "batch.entry.unknownEmail" : null;
            }
            if (found.isPresent()) {
                Account account = found.get();
                if (account.id() == actor.id()) {
                    problem = "pass.notForYourself";
                } else if (!account.active()) {
                    problem = "pass.accountDisabled";
                } else if (seen.putIfAbsent(account.id(), i) != null) {
                    problem = "batch.entry.duplicate";
                }
            }
            if (problem == null) {
                people.add(new Target(i, found.orElseThrow()));
            } else {
                problems.add(new EntryProblem(i, problem));
            }
        }
        return people;
    }
}
