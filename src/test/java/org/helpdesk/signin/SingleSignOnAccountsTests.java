package org.helpdesk.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;

/** When an ID token's email address counts as verified (README "Single sign-on"). */
class SingleSignOnAccountsTests {

    private static final List<String> DOMAINS = List.of("verified.example");

    private static OidcIdToken token(String email, Object emailVerified, Object domainOwnerVerified) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", "someone");
        claims.put("email", email);
        if (emailVerified != null) {
            claims.put("email_verified", emailVerified);
        }
        if (domainOwnerVerified != null) {
            claims.put("xms_edov", domainOwnerVerified);
        }
        return new OidcIdToken("token", Instant.now(), Instant.now().plusSeconds(60), claims);
    }

    @Test
    void emailVerifiedWhenGivenThenDecides() {
        assertThat(SingleSignOnAccounts.emailVerified(token("a@example.com", true, null), DOMAINS)).isTrue();
        assertThat(SingleSignOnAccounts.emailVerified(token("a@example.com", false, true), DOMAINS)).isFalse();
        assertThat(SingleSignOnAccounts.emailVerified(token("a@verified.example", false, null), DOMAINS)).isFalse();
    }

    @Test
    void domainOwnerVerifiedWhenNoEmailVerifiedThenDecides() {
        assertThat(SingleSignOnAccounts.emailVerified(token("a@example.com", null, true), DOMAINS)).isTrue();
        assertThat(SingleSignOnAccounts.emailVerified(token("a@example.com", null, "1"), DOMAINS)).isTrue();
        assertThat(SingleSignOnAccounts.emailVerified(token("a@verified.example", null, false), DOMAINS)).isFalse();
    }

    @Test
    void verifiedDomainWhenTheTokenSaysNothingThenOnlyThoseDomains() {
        assertThat(SingleSignOnAccounts.emailVerified(token("a@VERIFIED.example", null, null), DOMAINS)).isTrue();
        assertThat(SingleSignOnAccounts.emailVerified(token("a@verified.example.evil", null, null), DOMAINS)).isFalse();
        assertThat(SingleSignOnAccounts.emailVerified(token("a@sub.verified.example", null, null), DOMAINS)).isFalse();
        assertThat(SingleSignOnAccounts.emailVerified(token("a@example.com", null, null), DOMAINS)).isFalse();
        assertThat(SingleSignOnAccounts.emailVerified(token("a@example.com", "maybe", null), List.of())).isFalse();
    }

    @Test
    void errorCodeWhenNotAnOAuthErrorCodeThenNotRecordedAsSent() {
        assertThat(SingleSignOnRefusals.errorCode("access_denied")).isEqualTo("access_denied");
        assertThat(SingleSignOnRefusals.errorCode(null)).isNull();
        assertThat(SingleSignOnRefusals.errorCode("<script>")).isEqualTo("(not an error code)");
        assertThat(SingleSignOnRefusals.errorCode("x".repeat(65))).isEqualTo("(not an error code)");
    }
}
