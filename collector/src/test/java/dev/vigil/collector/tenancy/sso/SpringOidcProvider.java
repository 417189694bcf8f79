package dev.vigil.collector.tenancy.sso;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * A real OpenID Connect provider, Spring Authorization Server, in the test JVM on a random loopback port: its own login
 * form, in-memory users whose ID tokens carry {@code groups} and {@code vigil_customer}, clients registered once the
 * collector's redirect URL is known, and a signing key that a test can rotate. Its issuer is
 * {@code http://localhost:PORT} (another site than the collector's 127.0.0.1, as a real provider is).
 */
public final class SpringOidcProvider implements AutoCloseable {
    public static final String PASSWORD = "provider-password-1";

    /** A person at the provider: the groups and customer its ID tokens carry. */
    public record Person(String username, List<String> groups, String customer) {}

    private static final Map<String, Person> PEOPLE = new ConcurrentHashMap<>();
    private static final AtomicReference<RSAKey> KEY = new AtomicReference<>();
    private static final InMemoryRegisteredClientRepository CLIENTS = new InMemoryRegisteredClientRepository(
            client("placeholder", "placeholder-secret", "http://127.0.0.1/none"));

    private final ServletWebServerApplicationContext context;

    private SpringOidcProvider(ServletWebServerApplicationContext context) {
        this.context = context;
    }

    public static SpringOidcProvider start(List<Person> people) {
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        people.forEach(p -> PEOPLE.put(p.username(), p));
        rotateKey();
        ServletWebServerApplicationContext context =
                (ServletWebServerApplicationContext) new SpringApplicationBuilder(App.class)
                        .web(WebApplicationType.SERVLET)
                        .properties(
                                "server.port=0",
                                "server.address=127.0.0.1",
                                "spring.main.banner-mode=off",
                                "spring.jmx.enabled=false")
                        .run();
        return new SpringOidcProvider(context);
    }

    /** Changes what a person's next ID tokens say (the person must have been given to {@link #start}). */
    public void update(Person person) {
        PEOPLE.put(person.username(), person);
    }

    public String issuer() {
        return "http://localhost:" + context.getWebServer().getPort();
    }

    /** Registers (or replaces) a confidential client allowed to use the code flow with PKCE. */
    public void register(String clientId, String secret, String redirectUri) {
        CLIENTS.save(client(clientId, secret, redirectUri));
    }

    /** Like {@link #register} with codes that expire after one second. */
    public void registerShortLived(String clientId, String secret, String redirectUri) {
        CLIENTS.save(RegisteredClient.from(client(clientId, secret, redirectUri))
                .tokenSettings(TokenSettings.builder()
                        .authorizationCodeTimeToLive(Duration.ofSeconds(1))
                        .build())
                .build());
    }

    /** A new signing key with a new key id; the old one is no longer published. */
    public static void rotateKey() {
        try {
            KEY.set(new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .generate());
        } catch (Exception e) {
            throw new IllegalStateException("cannot make an RSA key", e);
        }
    }

    public static String keyId() {
        return KEY.get().getKeyID();
    }

    @Override
    public void close() {
        context.close();
    }

    private static RegisteredClient client(String clientId, String secret, String redirectUri) {
        RegisteredClient existing = CLIENTS == null ? null : CLIENTS.findByClientId(clientId);
        return RegisteredClient.withId(existing == null ? UUID.randomUUID().toString() : existing.getId())
                .clientId(clientId)
                .clientSecret("{noop}" + secret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(redirectUri)
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .scope(OidcScopes.EMAIL)
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(false)
                        .build())
                .build();
    }

    /** The provider's Spring configuration. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
        @Bean
        @Order(1)
        SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
            OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
            http.securityMatcher(server.getEndpointsMatcher())
                    .with(server, s -> s.oidc(Customizer.withDefaults()))
                    .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                    .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                            new LoginUrlAuthenticationEntryPoint("/login"),
                            new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain login(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(a -> a.anyRequest().authenticated()).formLogin(Customizer.withDefaults());
            return http.build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(PEOPLE.keySet().stream()
                    .map(name -> User.withUsername(name)
                            .password("{noop}" + PASSWORD)
                            .roles("USER")
                            .build())
                    .toList());
        }

        @Bean
        InMemoryRegisteredClientRepository clients() {
            return CLIENTS;
        }

        @Bean
        com.nimbusds.jose.jwk.source.JWKSource<com.nimbusds.jose.proc.SecurityContext> keys() {
            return (selector, context) -> selector.select(new JWKSet(KEY.get()));
        }

        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> claims() {
            return context -> {
                if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                    return;
                }
                Person p = PEOPLE.get(context.getPrincipal().getName());
                context.getClaims().claim("preferred_username", p.username()).claim("groups", p.groups());
                if (p.customer() != null) {
                    context.getClaims().claim("vigil_customer", p.customer());
                }
            };
        }
    }
}
