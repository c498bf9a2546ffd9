package org.helpdesk.support;

import java.io.IOException;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.jwk.JWKSet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * A real OpenID Connect provider (Spring Authorization Server) on a random loopback port of the test JVM, started
 * once and registered with every {@link H2Test} and {@link PostgresTest} context as both the "google" and the
 * "microsoft" provider. Tests add its users with the ID-token claims they need ({@code email},
 * {@code email_verified}, {@code xms_edov}); every user's password is {@link #PASSWORD}.
 */
public final class OidcTestProvider {

    public static final String PASSWORD = "the provider's password";
    public static final String GOOGLE_CLIENT = "helpdesk-google";
    public static final String MICROSOFT_CLIENT = "helpdesk-microsoft";
    /** Addresses in this domain count as verified for "microsoft" when its token says nothing either way. */
    public static final String VERIFIED_DOMAIN = "verified.example";
    private static final String SECRET = UUID.randomUUID() + "-";

    private static final Map<String, Map<String, Object>> CLAIMS = new ConcurrentHashMap<>();
    private static AnnotationConfigServletWebServerApplicationContext provider;

    private OidcTestProvider() {
    }

    public static synchronized int port() {
        if (provider == null) {
            provider = new AnnotationConfigServletWebServerApplicationContext(ProviderConfiguration.class);
            Runtime.getRuntime().addShutdownHook(new Thread(provider::close));
        }
        return provider.getWebServer().getPort();
    }

    public static String issuer() {
        return "http://127.0.0.1:" + port();
    }

    /** The client secret the service is configured with for that client: a value no page or log may show. */
    public static String clientSecret(String clientId) {
        return SECRET + clientId;
    }

    /** A user of the provider, with the claims its ID tokens carry besides the standard ones. */
    public static void addUser(String username, Map<String, Object> idTokenClaims) {
        port();
        CLAIMS.put(username, Map.copyOf(idTokenClaims));
        InMemoryUserDetailsManager users = provider.getBean(InMemoryUserDetailsManager.class);
        if (!users.userExists(username)) {
            users.createUser(User.withUsername(username).password("{noop}" + PASSWORD).roles("USER").build());
        }
    }

    /** Registers the provider with the service under test, before its context starts. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            String issuer = issuer();
            TestPropertyValues.of(
                    "helpdesk.sso.google.client-id=" + GOOGLE_CLIENT,
                    "helpdesk.sso.google.client-secret=" + SECRET + GOOGLE_CLIENT,
                    "helpdesk.sso.google.issuer-uri=" + issuer,
                    "helpdesk.sso.microsoft.client-id=" + MICROSOFT_CLIENT,
                    "helpdesk.sso.microsoft.client-secret=" + SECRET + MICROSOFT_CLIENT,
                    "helpdesk.sso.microsoft.issuer-uri=" + issuer,
                    "helpdesk.sso.microsoft.verified-email-domains=" + VERIFIED_DOMAIN).applyTo(context);
        }
    }

    /** A test configuration, so that the service's own component scan leaves it out. */
    @TestConfiguration(proxyBeanMethods = false)
    @EnableWebSecurity
    static class ProviderConfiguration {

        @Bean
        TomcatServletWebServerFactory webServer() {
            TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
            factory.setAddress(InetAddress.getLoopbackAddress());
            return factory;
        }

        @Bean
        DelegatingFilterProxyRegistrationBean securityFilter() {
            return new DelegatingFilterProxyRegistrationBean("springSecurityFilterChain");
        }

        /** Every endpoint is a filter; Tomcat runs filters only for a request some servlet is mapped to. */
        @Bean
        ServletRegistrationBean<HttpServlet> notFound() {
            return new ServletRegistrationBean<>(new HttpServlet() {
                @Override
                protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                    response.sendError(HttpServletResponse.SC_NOT_FOUND);
                }
            }, "/");
        }

        @Bean
        @Order(1)
        SecurityFilterChain protocolEndpoints(HttpSecurity http) throws Exception {
            OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
            http.securityMatcher(server.getEndpointsMatcher())
                    .with(server, s -> s.oidc(Customizer.withDefaults()))
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .exceptionHandling(e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain signIn(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults());
            return http.build();
        }

        @Bean
        InMemoryUserDetailsManager users() {
            return new InMemoryUserDetailsManager();
        }

        @Bean
        RegisteredClientRepository clients() {
            return new InMemoryRegisteredClientRepository(client("google", GOOGLE_CLIENT),
                    client("microsoft", MICROSOFT_CLIENT));
        }

        /** Any port of 127.0.0.1 is allowed for a loopback redirect URI (RFC 8252 7.3), so the service's random one is. */
        private static RegisteredClient client(String registrationId, String clientId) {
            return RegisteredClient.withId(registrationId)
                    .clientId(clientId)
                    .clientSecret("{noop}" + SECRET + clientId)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri("http://127.0.0.1/login/oauth2/code/" + registrationId)
                    .scope(OidcScopes.OPENID).scope(OidcScopes.EMAIL).scope(OidcScopes.PROFILE)
                    .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
                    .build();
        }

        @Bean
        JWKSource<SecurityContext> keys() throws NoSuchAlgorithmException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString()).build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        /** For the provider's own user-info endpoint, which the service does not call. */
        @Bean
        JwtDecoder idTokens(JWKSource<SecurityContext> keys) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        }

        @Bean
        AuthorizationServerSettings serverSettings() {
            return AuthorizationServerSettings.builder().build();
        }

        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> userClaims() {
            return context -> {
                if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                    Map<String, Object> claims = CLAIMS.getOrDefault(context.getPrincipal().getName(), Map.of());
                    context.getClaims().claims(all -> all.putAll(claims));
                }
            };
        }
    }
}
