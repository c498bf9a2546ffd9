package org.helpdesk.mfa;

import java.util.List;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Accounts;
import org.helpdesk.mfa.PasskeyEvents.PasskeyAdded;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Spring Security's JDBC credential store, with our rules where a passkey is added: its label is checked, a guest
 * gets none, and the addition is recorded (event log, mail). Updates after a sign-in (signature count, last use)
 * go straight through.
 */
class PasskeyCredentials implements UserCredentialRepository {

    private final UserCredentialRepository store;
    private final PasskeyUserEntities users;
    private final Accounts accounts;
    private final ApplicationEventPublisher events;

    PasskeyCredentials(UserCredentialRepository store, PasskeyUserEntities users, Accounts accounts,
                       ApplicationEventPublisher events) {
        this.store = store;
        this.users = users;
        this.accounts = accounts;
        this.events = events;
    }

    @Override
    @Transactional
    public void save(CredentialRecord record) {
        if (store.findByCredentialId(record.getCredentialId()) != null) {
            store.save(record);
            return;
        }
        String label = Passkeys.checkLabel(record.getLabel());
        long accountId = users.accountOf(record.getUserEntityUserId())
                .orElseThrow(() -> new IllegalStateException("A passkey for an unknown user handle"));
        Account account = accounts.findForUpdate(accountId).orElseThrow();
        if (account.guest()) {
            throw new AccessDeniedException("Guests sign in only with a Temporary Access Pass");
        }
        store.save(ImmutableCredentialRecord.fromCredentialRecord(record).label(label).build());
        events.publishEvent(new PasskeyAdded(accountId, label));
    }

    @Override
    public void delete(Bytes credentialId) {
        store.delete(credentialId);
    }

    @Override
    public CredentialRecord findByCredentialId(Bytes credentialId) {
        return store.findByCredentialId(credentialId);
    }

    @Override
    public List<CredentialRecord> findByUserId(Bytes userId) {
        return store.findByUserId(userId);
    }
}
