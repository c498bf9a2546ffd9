package org.helpdesk.accounts;

import java.text.Normalizer;
import java.time.Clock;
import java.util.Optional;

import org.helpdesk.accounts.AccountEvents.AccountCreated;
import org.helpdesk.accounts.AccountEvents.AccountStateChanged;
import org.helpdesk.accounts.AccountEvents.PasswordChanged;
import org.helpdesk.system.Text;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The accounts module's entry point: creating, finding, enabling and disabling people, and their passwords. */
@Service
public class Accounts {

    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_SEARCH_LENGTH = 100;

    private final AccountRepository repository;
    private final PasswordEncoder passwordEncoder;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final PasswordRules passwordRules;

    Accounts(AccountRepository repository, PasswordEncoder passwordEncoder, ApplicationEventPublisher events,
             Clock clock, PasswordRules passwordRules) {
        this.repository = repository;
        this.passwordEncoder = passwordEncoder;
        this.events = events;
        this.clock = clock;
        this.passwordRules = passwordRules;
    }

    /** Creates a person; admins may create anyone, managers anyone but admins. */
    @Transactional
    public Account create(NewAccount request, CurrentUser actor) {
        if (actor == null || !actor.canManagePeople()) {
            throw new AccessDeniedException("Only admins and managers create people");
        }
        if (request.role() == Role.ADMIN && !actor.isAdmin()) {
            throw new InvalidInputException("role", "account.role.adminOnly");
        }
        return insert(request, actor.id());
    }

    /** The first admin of an empty installation. */
    @Transactional
    public Account createFirstAdmin(String email, String displayName) {
        return insert(new NewAccount(email, displayName, AccountKind.AGENT, Role.ADMIN, false), null);
    }

    private Account insert(NewAccount request, Long actorId) {
        String email = EmailAddresses.normalize(request.email());
        if (request.email() == null || request.email().isBlank()) {
            throw new InvalidInputException("email", "account.email.required");
        }
        if (email == null) {
            throw new InvalidInputException("email", "account.email.invalid");
        }
        String name = displayName(request.displayName());
        if (request.kind() == null) {
            throw new InvalidInputException("kind", "account.kind.required");
        }
        Role role = request.kind() == AccountKind.AGENT ? request.role() : null;
        if (request.kind() == AccountKind.AGENT && role == null) {
            throw new InvalidInputException("role", "account.role.required");
        }
        if (repository.findByEmailKey(EmailAddresses.key(email)).isPresent()) {
            throw new InvalidInputException("email", "account.email.taken");
        }
        long id;
        try {
            id = repository.insert(email, name, request.kind(), role, request.guest(), clock.instant(), actorId);
        } catch (DuplicateKeyException raced) {
            throw new InvalidInputException("email", "account.email.taken");
        }
        events.publishEvent(new AccountCreated(id, actorId, request.kind(), role, request.guest()));
        return repository.find(id).orElseThrow();
    }

    private static String displayName(String raw) {
        String name = Text.clean(raw);
        if (name == null || name.isEmpty()) {
            throw new InvalidInputException("displayName", "account.name.required");
        }
        if (name.length() > MAX_NAME_LENGTH || Text.hasForbiddenCharacters(name)) {
            throw new InvalidInputException("displayName", "account.name.invalid");
        }
        return name;
    }

    /**
     * Changes a person's name and whether their account is enabled, both or neither. Admins and managers rename
     * people (managers not admins, as when creating them); only admins enable and disable, never themselves.
     * Every rule is checked before anything changes.
     */
    @Transactional
    public Account update(long accountId, AccountChanges changes, CurrentUser actor) {
        if (actor == null || !actor.canManagePeople()) {
            throw new AccessDeniedException("Only admins and managers change people");
        }
        Account account = repository.findForUpdate(accountId).orElseThrow(PersonNotFoundException::new);
        if (account.isAdmin() && !actor.isAdmin()) {
            throw new AccessDeniedException("Only admins change admins");
        }
        String name = changes.displayName() == null ? null : displayName(changes.displayName());
        Boolean active = changes.active();
        if (active != null && active != account.active()) {
            if (!actor.isAdmin()) {
                throw new AccessDeniedException("Only admins disable or enable accounts");
            }
            if (actor.id() == accountId) {
                throw new InvalidInputException("accountEnabled", "account.state.notSelf");
            }
        }
        if (name != null && !name.equals(account.displayName())) {
            repository.setDisplayName(accountId, name);
            events.publishEvent(new AccountEvents.AccountRenamed(accountId, actor.id(), account.displayName(), name));
        }
        if (active != null && active != account.active()) {
            repository.setState(accountId, active);
            events.publishEvent(new AccountStateChanged(accountId, actor.id(), active));
        }
        return repository.find(accountId).orElseThrow();
    }

    public Optional<Account> find(long id) {
        return repository.find(id);
    }

    /** Locks the account until the surrounding transaction ends; callers must be transactional. */
    public Optional<Account> findForUpdate(long id) {
        return repository.findForUpdate(id);
    }

    /** A person's account as the signed-in user may see it: admins and managers see everyone, others themselves. */
    public Account findVisibleTo(long id, CurrentUser user) {
        if (user == null || (!user.canManagePeople() && user.id() != id)) {
            throw new AccessDeniedException("Not your profile");
        }
        return repository.find(id).orElseThrow(PersonNotFoundException::new);
    }

    public Optional<Account> findByEmail(String email) {
        String normalized = EmailAddresses.normalize(email);
        return normalized == null ? Optional.empty() : repository.findByEmailKey(EmailAddresses.key(normalized));
    }

    public boolean anyAdmin() {
        return repository.anyAdmin();
    }

    /** As {@link #search(AccountKind, String, int, int)}, for admins and managers only. */
    public ResultPage<Account> search(AccountKind kind, String query, int page, int size, CurrentUser viewer) {
        if (viewer == null || !viewer.canManagePeople()) {
            throw new AccessDeniedException("Only admins and managers list people");
        }
        return search(kind, query, page, size);
    }

    /** People of one kind, or everyone when {@code kind} is null, by name; {@code query} matches name or email. */
    public ResultPage<Account> search(AccountKind kind, String query, int page, int size) {
        String q = Text.clean(query);
        if (q != null && (q.length() > MAX_SEARCH_LENGTH || Text.hasForbiddenCharacters(q))) {
            throw new InvalidInputException("q", "search.invalid");
        }
        int safePage = Math.max(0, Math.min(page, 1_000_000));
        long total = repository.count(kind, q);
        return new ResultPage<>(repository.search(kind, q, safePage * size, size), safePage, size, total);
    }

    /** Admins disable and re-enable accounts; disabling ends every open session of the account. */
    @Transactional
    public void setActive(long accountId, boolean active, CurrentUser actor) {
        if (actor == null || !actor.isAdmin()) {
            throw new AccessDeniedException("Only admins disable or enable accounts");
        }
        if (actor.id() == accountId) {
            throw new InvalidInputException("state", "account.state.notSelf");
        }
        if (repository.setState(accountId, active) == 0) {
            throw new InvalidInputException("id", "account.notFound");
        }
        events.publishEvent(new AccountStateChanged(accountId, actor.id(), active));
    }

    /** Admins end every open session of a person, on every instance, by moving the account's stamp on. */
    @Transactional
    public void endAllSessions(long accountId, CurrentUser actor) {
        if (actor == null || !actor.isAdmin()) {
            throw new AccessDeniedException("Only admins end other people's sessions");
        }
        if (repository.bumpSecurityStamp(accountId) == 0) {
            throw new PersonNotFoundException();
        }
        events.publishEvent(new AccountEvents.SessionsEnded(accountId, actor.id(), false));
    }

    /**
     * The signed-in person ends every other session of theirs, on every instance (OWASP ASVS 5.0 7.4.3): the
     * account's stamp moves on, and the returned principal, with the new stamp, is the one the session that asked
     * keeps. A disabled account has nothing left to keep.
     */
    @Transactional
    public CurrentUser endOtherSessions(CurrentUser user) {
        if (repository.bumpSecurityStamp(user.id()) == 0) {
            throw new AccessDeniedException("No account");
        }
        Account account = repository.find(user.id()).filter(Account::active)
                .orElseThrow(() -> new AccessDeniedException("No active account"));
        events.publishEvent(new AccountEvents.SessionsEnded(user.id(), user.id(), true));
        return user.withSecurityStamp(account.securityStamp());
    }

    /** The password hash of an active non-guest account, for the password sign-in only. */
    public Optional<String> passwordHash(long accountId) {
        return repository.passwordHash(accountId);
    }

    /**
     * Sets the signed-in person's own password. A session made with a password must prove the current one;
     * a session made with a pass may set a new one, which is what recovery is for. Guests have none.
     */
    @Transactional
    public void changeOwnPassword(CurrentUser user, String currentPassword, String newPassword) {
        Account account = repository.find(user.id()).orElseThrow(() -> new AccessDeniedException("No account"));
        if (account.guest()) {
            throw new InvalidInputException("newPassword", "password.guest");
        }
        if (account.hasPassword() && user.method() != SignInMethod.TAP) {
            String hash = repository.passwordHash(account.id()).orElseThrow();
            if (currentPassword == null || currentPassword.length() > 4 * PasswordRules.MAX_LENGTH
                    || !passwordEncoder.matches(normalizePassword(currentPassword), hash)) {
                throw new InvalidInputException("currentPassword", "password.currentWrong");
            }
        }
        String problem = passwordRules.problemWith(newPassword, account);
        if (problem != null) {
            throw new InvalidInputException("newPassword", problem);
        }
        repository.setPasswordHash(account.id(), passwordEncoder.encode(normalizePassword(newPassword)));
        events.publishEvent(new PasswordChanged(account.id()));
    }

    /** The shortest password the rules allow now, for the hint beside a password field. */
    public int passwordMinimumLength() {
        return passwordRules.minimumLength();
    }

    /** The state every instance checks on each request of a session. */
    public Optional<SessionStatus> sessionStatus(long accountId) {
        return repository.find(accountId).map(a -> new SessionStatus(a.active(), a.securityStamp()));
    }

    /** NIST SP 800-63B 5.1.1.2: Unicode passwords are normalised before hashing. */
    public static String normalizePassword(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    public record SessionStatus(boolean active, long securityStamp) {
    }
}
