package org.helpdesk.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidObjectException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.helpdesk.accounts.AccountKind;
import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.accounts.Role;
import org.helpdesk.accounts.SignInMethod;
import org.junit.jupiter.api.Test;
import org.springframework.core.serializer.DefaultDeserializer;
import org.springframework.core.serializer.DefaultSerializer;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * How a signed-in person is written into the session store: the way Spring Session does it (Java serialization
 * through Spring's serializer), compactly for a pass sign-in, and sessions written before still read.
 */
class SessionSerializationTests {

    private static final Instant SIGNED_IN = Instant.parse("2026-12-06T09:15:30.123456Z");

    @Test
    void passSignInIsStoredCompactlyAndReadBackEqual() throws IOException {
        CurrentUser user = new CurrentUser(42, "dana@example.org", "Dana Østergård", AccountKind.CONTACT, null, true,
                SignInMethod.TAP, 7L, SIGNED_IN.plusSeconds(3600), 3, SIGNED_IN);
        TapAuthenticationToken token = TapAuthenticationToken.authenticated(user);
        token.setDetails(new WebAuthenticationDetails("203.0.113.7", null));

        byte[] stored = serialize(new SecurityContextImpl(token));
        SecurityContext read = (SecurityContext) deserialize(stored);

        assertThat(stored.length).isLessThan(500);
        assertThat(read).isEqualTo(new SecurityContextImpl(token));
        Authentication authentication = read.getAuthentication();
        assertThat(authentication).isInstanceOf(TapAuthenticationToken.class);
        assertThat(authentication.isAuthenticated()).isTrue();
        assertThat(authentication.getPrincipal()).isEqualTo(user);
        assertThat(authentication.getCredentials()).isNull();
        assertThat(authentication.getAuthorities()).extracting(Object::toString)
                .containsExactly("ROLE_CONTACT", "ROLE_GUEST", "SIGNED_IN_WITH_TAP");
        assertThat(authentication.getDetails()).isEqualTo(new WebAuthenticationDetails("203.0.113.7", null));
    }

    @Test
    void personWithoutPassEndOrDetailsRoundTrips() throws IOException {
        CurrentUser user = new CurrentUser(1, "admin@example.org", "Admin", AccountKind.AGENT, Role.ADMIN, false,
                SignInMethod.PASSWORD, null, null, 0, SIGNED_IN);
        TapAuthenticationToken token = TapAuthenticationToken.authenticated(user);

        assertThat(deserialize(serialize(new SecurityContextImpl(token)))).isEqualTo(new SecurityContextImpl(token));
        // the person alone, as another token holds it
        var password = UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities());
        assertThat(deserialize(serialize(password))).isEqualTo(password);
    }

    @Test
    void tokenWithOtherDetailsOrAuthoritiesIsStoredTheDefaultWay() throws IOException {
        CurrentUser user = new CurrentUser(5, "sam@example.org", "Sam", AccountKind.AGENT, Role.AGENT, false,
                SignInMethod.TAP, 9L, SIGNED_IN.plusSeconds(60), 1, SIGNED_IN);
        TapAuthenticationToken token = TapAuthenticationToken.authenticated(user);
        token.setDetails("something else");

        byte[] stored = serialize(token);
        assertThat(deserialize(stored)).isEqualTo(token);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1))
                .contains("org.springframework.security.authentication.AbstractAuthenticationToken");

        var moreAuthorities = UsernamePasswordAuthenticationToken.authenticated(user, null,
                java.util.List.of(new SimpleGrantedAuthority("ROLE_AGENT"), new SimpleGrantedAuthority("EXTRA")));
        assertThat(deserialize(serialize(moreAuthorities))).isEqualTo(moreAuthorities);
    }

    @Test
    void storedPersonWithAnUnknownValueIsRefusedNotReadAsSomeoneElse() throws IOException {
        CurrentUser user = new CurrentUser(8, "kim@example.org", "Kim", AccountKind.CONTACT, null, false,
                SignInMethod.TAP, 3L, SIGNED_IN.plusSeconds(60), 0, SIGNED_IN);
        byte[] person = withContactMisspelt(serialize(user));
        assertThatThrownBy(() -> deserialize(person)).isInstanceOf(InvalidObjectException.class)
                .hasMessage("unknown AccountKind CONTACX");
        // inside a session's security context the stream reports it as unreadable data: refused all the same
        byte[] context = withContactMisspelt(
                serialize(new SecurityContextImpl(TapAuthenticationToken.authenticated(user))));
        assertThatThrownBy(() -> deserialize(context)).isInstanceOfAny(IOException.class, IllegalStateException.class);
    }

    private static byte[] withContactMisspelt(byte[] stored) {
        int at = new String(stored, StandardCharsets.ISO_8859_1).indexOf("CONTACT");
        assertThat(at).isPositive();
        stored[at + 6] = 'X';
        return stored;
    }

    /** A pass session as the service stored it before the compact form: still read, and then written compactly. */
    @Test
    void sessionStoredInTheEarlierFormIsStillRead() throws IOException {
        byte[] earlier;
        try (InputStream in = getClass().getResourceAsStream("/sessions/tap-security-context-default-form.b64")) {
            earlier = Base64.getMimeDecoder().decode(in.readAllBytes());
        }
        assertThat(new String(earlier, StandardCharsets.ISO_8859_1)).contains("java.util.Collections$UnmodifiableList");

        SecurityContext read = (SecurityContext) deserialize(earlier);

        Authentication authentication = read.getAuthentication();
        assertThat(authentication).isInstanceOf(TapAuthenticationToken.class);
        assertThat(authentication.isAuthenticated()).isTrue();
        CurrentUser user = (CurrentUser) authentication.getPrincipal();
        assertThat(user.email()).isEqualTo("person451-4ee2qiicr@bench.example");
        assertThat(user.displayName()).isEqualTo("Person 451");
        assertThat(user.kind()).isEqualTo(AccountKind.CONTACT);
        assertThat(user.method()).isEqualTo(SignInMethod.TAP);
        assertThat(user.passId()).isNotNull();
        assertThat(user.signedInAt()).isNotNull();
        assertThat(authentication.getAuthorities()).extracting(Object::toString)
                .containsExactly("ROLE_CONTACT", "SIGNED_IN_WITH_TAP");
        assertThat(((WebAuthenticationDetails) authentication.getDetails()).getRemoteAddress()).isEqualTo("127.0.0.1");

        byte[] again = serialize(read);
        assertThat(again.length).isLessThan(earlier.length / 3);
        assertThat(deserialize(again)).isEqualTo(read);
    }

    private static byte[] serialize(Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DefaultSerializer().serialize(value, out);
        return out.toByteArray();
    }

    private static Object deserialize(byte[] bytes) throws IOException {
        return new DefaultDeserializer(SessionSerializationTests.class.getClassLoader())
                .deserialize(new ByteArrayInputStream(bytes));
    }
}
