package org.helpdesk.signin;

import java.time.Clock;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Accounts;
import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.accounts.SignInMethod;
import org.helpdesk.mfa.Passkeys;
import org.helpdesk.signin.SignInEvents.PasskeySignInAttempted;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationRequestToken;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;

/**
 * A passkey's answer to the sign-in challenge, checked by Spring Security's relying party, becomes our usual
 * signed-in person: a {@link CurrentUser} with method PASSKEY. Unknown passkeys, wrong answers, disabled accounts
 * and guests all fail the same way; the event log gets the precise reason.
 */
class PasskeyAuthenticationProvider implements AuthenticationProvider {

    private final WebAuthnRelyingPartyOperations relyingParty;
    private final UserCredentialRepository credentials;
    private final Passkeys passkeys;
    private final Accounts accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PasskeyAuthenticationProvider(WebAuthnRelyingPartyOperations relyingParty, UserCredentialRepository credentials,
                                  Passkeys passkeys, Accounts accounts, ApplicationEventPublisher events, Clock clock) {
        this.relyingParty = relyingParty;
        this.credentials = credentials;
        this.passkeys = passkeys;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        RelyingPartyAuthenticationRequest request = ((WebAuthnAuthenticationRequestToken) authentication).getWebAuthnRequest();
        Bytes credentialId = request.getPublicKey() == null ? null : request.getPublicKey().getRawId();
        CredentialRecord record = credentialId == null ? null : credentials.findByCredentialId(credentialId);
        if (record == null) {
            throw refused(null, "UNKNOWN_CREDENTIAL");
        }
        Long owner = passkeys.accountOf(record.getUserEntityUserId()).orElse(null);
        PublicKeyCredentialUserEntity entity;
        try {
            entity = relyingParty.authenticate(request);
        } catch (RuntimeException e) {
            throw refused(owner, "INVALID_ASSERTION");
        }
        Account account = passkeys.accountOf(entity.getId()).flatMap(accounts::find).orElse(null);
        if (account == null) {
            throw refused(null, "UNKNOWN_CREDENTIAL");
        }
        if (account.guest()) {
            throw refused(account.id(), "GUEST");
        }
        if (!account.active()) {
            throw refused(account.id(), "ACCOUNT_DISABLED");
        }
        events.publishEvent(new PasskeySignInAttempted(account.id(), true, null));
        CurrentUser user = CurrentUser.of(account, SignInMethod.PASSKEY, null, null, clock.instant());
        return UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities());
    }

    private BadCredentialsException refused(Long accountId, String reason) {
        events.publishEvent(new PasskeySignInAttempted(accountId, false, reason));
        return new BadCredentialsException("Bad credentials");
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return WebAuthnAuthenticationRequestToken.class.isAssignableFrom(authentication);
    }
}
