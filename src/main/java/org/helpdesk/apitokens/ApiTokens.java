package org.helpdesk.apitokens;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Accounts;
import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.accounts.InvalidInputException;
import org.helpdesk.accounts.SignInMethod;
import org.helpdesk.apitokens.ApiTokenEvents.ApiTokenCreated;
import org.helpdesk.apitokens.ApiTokenEvents.ApiTokenRefused;
import org.helpdesk.apitokens.ApiTokenEvents.ApiTokenRevoked;
import org.helpdesk.apitokens.ApiTokenRepository.StoredToken;
import org.helpdesk.system.Text;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens (spec 7): an agent who is not a guest makes, names, lists and revokes their own. Temporary access
 * never becomes permanent access: a session made with a pass cannot make a token. The API checks each call's token
 * here, with the account as it is at that moment, so a disabled account's tokens stop working at once.
 */
@Service
public class ApiTokens {

    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_PER_ACCOUNT = 25;

    private final ApiTokenRepository repository;
    private final Accounts accounts;
    private final ApplicationEventPublisher events;
    private final SecureRandom random;
    private final Clock clock;

    ApiTokens(ApiTokenRepository repository, Accounts accounts, ApplicationEventPublisher events, SecureRandom random,
              Clock clock) {
        this.repository = repository;
        this.accounts = accounts;
        this.events = events;
        this.random = random;
        this.clock = clock;
    }

    /** Whether the account may hold API tokens: an active agent who is not a guest. */
    public static boolean mayHaveTokens(Account account) {
        return account.active() && account.isAgent() && !account.guest();
    }

    /** Whether the session may make tokens: not one made with a pass, nor an API call. */
    public static boolean mayCreateFrom(CurrentUser user) {
        return user.method() != SignInMethod.TAP && user.method() != SignInMethod.API_TOKEN;
    }

    /** Makes a token for the signed-in person; its value is in the result and nowhere else. */
    @Transactional
    public NewApiToken create(CurrentUser user, String name) {
        Account account = owner(user);
        if (!mayCreateFrom(user)) {
            throw new InvalidInputException(null, "apiToken.reauthenticate");
        }
        String cleaned = Text.clean(name);
        if (cleaned == null || cleaned.isEmpty()) {
            throw new InvalidInputException("name", "apiToken.name.required");
        }
        if (cleaned.length() > MAX_NAME_LENGTH || Text.hasForbiddenCharacters(cleaned)) {
            throw new InvalidInputException("name", "apiToken.name.invalid");
        }
        if (repository.nameTaken(account.id(), cleaned)) {
            throw new InvalidInputException("name", "apiToken.name.taken");
        }
        if (repository.count(account.id()) >= MAX_PER_ACCOUNT) {
            throw new InvalidInputException(null, "apiToken.tooMany");
        }
        String value = TokenFormat.generate(random);
        Instant now = clock.instant();
        long id;
        try {
            id = repository.insert(account.id(), cleaned, TokenFormat.hash(value), TokenFormat.shown(value), now);
        } catch (DuplicateKeyException raced) {
            throw new InvalidInputException("name", "apiToken.name.taken");
        }
        events.publishEvent(new ApiTokenCreated(id, account.id(), cleaned));
        return new NewApiToken(id, cleaned, value, TokenFormat.shown(value), now);
    }

    /** The signed-in person's own tokens, oldest first. */
    public List<ApiTokenView> list(CurrentUser user) {
        Account account = owner(user);
        return repository.forAccount(account.id()).stream()
                .map(t -> new ApiTokenView(t.id(), t.name(), t.shown(), t.createdAt(), t.lastUsedAt()))
                .toList();
    }

    /** Revokes one of the signed-in person's own tokens: it stops working at once. */
    @Transactional
    public void revoke(CurrentUser user, long tokenId) {
        if (user == null) {
            throw new AccessDeniedException("Not signed in");
        }
        StoredToken token = repository.find(tokenId, user.id()).orElseThrow(ApiTokenNotFoundException::new);
        if (repository.delete(tokenId, user.id()) == 0) {
            throw new ApiTokenNotFoundException();
        }
        events.publishEvent(new ApiTokenRevoked(tokenId, user.id(), user.id(), token.name()));
    }

    /**
     * The person a presented token stands for, when it is a live token of an account that may use the API now.
     * Called on every API request; a refusal is recorded with its reason, never with the token.
     */
    Optional<CurrentUser> authenticate(String presented) {
        if (!TokenFormat.wellFormed(presented)) {
            events.publishEvent(new ApiTokenRefused(null, null, "MALFORMED_TOKEN"));
            return Optional.empty();
        }
        Optional<StoredToken> token = repository.findByHash(TokenFormat.hash(presented));
        if (token.isEmpty()) {
            events.publishEvent(new ApiTokenRefused(null, null, "UNKNOWN_TOKEN"));
            return Optional.empty();
        }
        StoredToken found = token.get();
        Optional<Account> account = accounts.find(found.accountId());
        if (account.isEmpty() || !mayHaveTokens(account.get())) {
            String reason = account.map(a -> a.active() ? "NOT_ALLOWED" : "ACCOUNT_DISABLED").orElse("UNKNOWN_TOKEN");
            events.publishEvent(new ApiTokenRefused(found.accountId(), found.id(), reason));
            return Optional.empty();
        }
        repository.recordUse(found.id(), clock.instant());
        return Optional.of(CurrentUser.of(account.get(), SignInMethod.API_TOKEN, null, null, null));
    }

    private Account owner(CurrentUser user) {
        Account account = user == null ? null : accounts.find(user.id()).orElse(null);
        if (account == null || !mayHaveTokens(account)) {
            throw new AccessDeniedException("Only agents who are not guests have API tokens");
        }
        return account;
    }
}
