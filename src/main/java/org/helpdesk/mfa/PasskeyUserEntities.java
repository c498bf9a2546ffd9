package org.helpdesk.mfa;

import java.time.Clock;
import java.util.Optional;

import org.helpdesk.system.Timestamps;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;

/**
 * The WebAuthn user entity of each account, in {@code passkey_users}. Its name is the account id, which is what
 * {@code Authentication.getName()} gives for a signed-in {@code CurrentUser}: fixed for the life of the account,
 * so nobody can take over another person's entity by changing an email address or a name.
 */
class PasskeyUserEntities implements PublicKeyCredentialUserEntityRepository {

    private final JdbcClient jdbc;
    private final Clock clock;

    PasskeyUserEntities(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public PublicKeyCredentialUserEntity findById(Bytes id) {
        if (id == null) {
            return null;
        }
        return jdbc.sql("select account_id from passkey_users where user_handle = :handle")
                .param("handle", id.toBase64UrlString())
                .query(Long.class).optional()
                .map(accountId -> entity(accountId, id)).orElse(null);
    }

    @Override
    public PublicKeyCredentialUserEntity findByUsername(String username) {
        Long accountId = accountId(username);
        return accountId == null ? null : handleOf(accountId).map(handle -> entity(accountId, handle)).orElse(null);
    }

    @Override
    public void save(PublicKeyCredentialUserEntity entity) {
        Long accountId = accountId(entity.getName());
        if (accountId == null) {
            throw new IllegalArgumentException("A passkey user is named by an account id");
        }
        try {
            jdbc.sql("insert into passkey_users (account_id, user_handle, created_at) values (:account, :handle, :now)")
                    .param("account", accountId)
                    .param("handle", entity.getId().toBase64UrlString())
                    .param("now", Timestamps.of(clock.instant()))
                    .update();
        } catch (DuplicateKeyException alreadyThere) {
            // the account's handle stays the one it first got
        }
    }

    @Override
    public void delete(Bytes id) {
        jdbc.sql("delete from passkey_users where user_handle = :handle").param("handle", id.toBase64UrlString()).update();
    }

    Optional<Bytes> handleOf(long accountId) {
        return jdbc.sql("select user_handle from passkey_users where account_id = :account")
                .param("account", accountId)
                .query(String.class).optional().map(Bytes::fromBase64);
    }

    Optional<Long> accountOf(Bytes handle) {
        return jdbc.sql("select account_id from passkey_users where user_handle = :handle")
                .param("handle", handle.toBase64UrlString())
                .query(Long.class).optional();
    }

    private static PublicKeyCredentialUserEntity entity(long accountId, Bytes handle) {
        String name = String.valueOf(accountId);
        return ImmutablePublicKeyCredentialUserEntity.builder().id(handle).name(name).displayName(name).build();
    }

    private static Long accountId(String username) {
        if (username == null || username.isEmpty() || username.length() > 19 || !username.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(username);
    }
}
