package org.helpdesk.signin;

import java.io.Serial;
import java.util.List;
import java.util.Locale;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Accounts;
import org.helpdesk.accounts.EmailAddresses;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Finds the account a provider's ID token stands for: by its email address, only when that address is verified,
 * and only an active account that is not a guest. Single sign-on never creates an account. Only the ID token is
 * read (it is signed and was checked against the issuer, audience and nonce); the user-info endpoint is not called.
 */
class SingleSignOnAccounts implements OAuth2UserService<OidcUserRequest, OidcUser> {

    /** Microsoft's optional claim: the owner of the email's domain has been verified in the tenant. */
    static final String EMAIL_DOMAIN_OWNER_VERIFIED = "xms_edov";

    private final Accounts accounts;
    private final SingleSignOnProperties properties;

    SingleSignOnAccounts(Accounts accounts, SingleSignOnProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        SingleSignOnProvider provider = SingleSignOnProvider.byId(request.getClientRegistration().getRegistrationId())
                .orElseThrow(() -> new OAuth2AuthenticationException("client_registration_not_found"));
        OidcIdToken idToken = request.getIdToken();
        String email = idToken.getEmail();
        if (email == null || EmailAddresses.normalize(email) == null) {
            throw new Refused("NO_EMAIL", null);
        }
        if (!emailVerified(idToken, properties.of(provider).verifiedEmailDomains())) {
            throw new Refused("EMAIL_NOT_VERIFIED", null);
        }
        Account account = accounts.findByEmail(email).orElseThrow(() -> new Refused("UNKNOWN_ACCOUNT", null));
        if (account.guest()) {
            throw new Refused("GUEST", account.id());
        }
        if (!account.active()) {
            throw new Refused("ACCOUNT_DISABLED", account.id());
        }
        return new Matched(idToken, account.id());
    }

    /**
     * The provider's word decides when it gives one: {@code email_verified} (OpenID Connect; Google), else
     * {@code xms_edov} (Microsoft's optional claim). When the token says neither, only an address in one of the
     * domains the operator lists as verified is taken. An explicit "not verified" is never overruled.
     */
    static boolean emailVerified(OidcIdToken idToken, List<String> verifiedDomains) {
        Boolean verified = flag(idToken.getClaims().get("email_verified"));
        if (verified == null) {
            verified = flag(idToken.getClaims().get(EMAIL_DOMAIN_OWNER_VERIFIED));
        }
        if (verified != null) {
            return verified;
        }
        String email = idToken.getEmail();
        int at = email.lastIndexOf('@');
        return at > 0 && verifiedDomains.contains(email.substring(at + 1).toLowerCase(Locale.ROOT));
    }

    private static Boolean flag(Object claim) {
        if (claim instanceof Boolean b) {
            return b;
        }
        if (claim instanceof String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "true", "1" -> true;
                case "false", "0" -> false;
                default -> null;
            };
        }
        if (claim instanceof Number n) {
            return n.intValue() == 1;
        }
        return null;
    }

    /** The person behind the ID token, matched to an account; it lives only for the callback's request. */
    static final class Matched extends DefaultOidcUser {

        @Serial
        private static final long serialVersionUID = 1L;

        private final long accountId;

        Matched(OidcIdToken idToken, long accountId) {
            super(List.of(), idToken);
            this.accountId = accountId;
        }

        long accountId() {
            return accountId;
        }
    }

    /** A refusal after the provider's callback, with the precise reason for the event log. */
    static final class Refused extends OAuth2AuthenticationException {

        @Serial
        private static final long serialVersionUID = 1L;

        private final String reason;
        private final Long accountId;

        Refused(String reason, Long accountId) {
            super(new OAuth2Error("access_denied"), reason);
            this.reason = reason;
            this.accountId = accountId;
        }

        String reason() {
            return reason;
        }

        Long accountId() {
            return accountId;
        }
    }
}
