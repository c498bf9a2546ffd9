package org.helpdesk.mfa;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.accounts.InvalidInputException;
import org.helpdesk.mfa.PasskeyEvents.PasskeyRemoved;
import org.helpdesk.system.Text;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's passkeys: the list on their Authentication tab, removing one, the label rules, and which account a
 * passkey's user handle belongs to. Adding goes through Spring Security's registration endpoints.
 */
@Service
public class Passkeys implements SecondFactor {

    public static final int MAX_LABEL_LENGTH = 64;

    private final JdbcClient jdbc;
    private final PasskeyUserEntities users;
    private final ApplicationEventPublisher events;

    Passkeys(JdbcClient jdbc, PasskeyUserEntities users, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.users = users;
        this.events = events;
    }

    /** The label as it is kept: trimmed and normalised; refused when empty, too long or holding control characters. */
    public static String checkLabel(String raw) {
        String label = Text.clean(raw);
        if (label == null || label.isEmpty()) {
            throw new InvalidInputException("label", "passkey.label.required");
        }
        if (label.length() > MAX_LABEL_LENGTH || Text.hasForbiddenCharacters(label)) {
            throw new InvalidInputException("label", "passkey.label.invalid");
        }
        return label;
    }

    /** The person's passkeys, oldest first. */
    public List<PasskeyView> listFor(long accountId) {
        return jdbc.sql("""
                        select c.credential_id, c.label, c.created, c.last_used
                        from user_credentials c join passkey_users u on u.user_handle = c.user_entity_user_id
                        where u.account_id = :account
                        order by c.created, c.credential_id""")
                .param("account", accountId)
                .query((rs, n) -> {
                    java.time.Instant created = instant(rs.getTimestamp("created"));
                    java.time.Instant lastUsed = instant(rs.getTimestamp("last_used"));
                    // the store marks a passkey used when it is added; it has signed nobody in until it moves on
                    return new PasskeyView(rs.getString("credential_id"), rs.getString("label"), created,
                            lastUsed == null || lastUsed.equals(created) ? null : lastUsed);
                })
                .list();
    }

    @Override
    public boolean isRegisteredFor(long accountId) {
        return jdbc.sql("""
                        select count(*) from user_credentials c join passkey_users u on u.user_handle = c.user_entity_user_id
                        where u.account_id = :account""")
                .param("account", accountId).query(Long.class).single() > 0;
    }

    /** Removes one of the signed-in person's own passkeys. Guests have none to remove. */
    @Transactional
    public void remove(String credentialId, CurrentUser actor) {
        if (actor == null || actor.guest()) {
            throw new AccessDeniedException("Guests sign in only with a Temporary Access Pass");
        }
        if (credentialId == null || credentialId.length() > 1000) {
            throw new PasskeyNotFoundException();
        }
        String label = jdbc.sql("""
                        select c.label from user_credentials c join passkey_users u on u.user_handle = c.user_entity_user_id
                        where u.account_id = :account and c.credential_id = :id""")
                .param("account", actor.id()).param("id", credentialId)
                .query(String.class).optional().orElseThrow(PasskeyNotFoundException::new);
        int removed = jdbc.sql("""
                        delete from user_credentials where credential_id = :id
                        and user_entity_user_id = (select user_handle from passkey_users where account_id = :account)""")
                .param("id", credentialId).param("account", actor.id()).update();
        if (removed == 0) {
            throw new PasskeyNotFoundException();
        }
        events.publishEvent(new PasskeyRemoved(actor.id(), actor.id(), label));
    }

    /** The account a passkey's user handle (the WebAuthn user id) belongs to. */
    public Optional<Long> accountOf(Bytes userHandle) {
        return userHandle == null ? Optional.empty() : users.accountOf(userHandle);
    }

    private static java.time.Instant instant(Timestamp value) {
        return value == null ? null : value.toInstant();
    }
}
