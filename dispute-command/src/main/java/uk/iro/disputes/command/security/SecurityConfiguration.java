package uk.iro.disputes.command.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.policy.PolicyCatalogue;

/**
 * An OAuth2 resource server: every API call carries a JWT; roles come from a configurable claim. Who may do
 * what is decided per step in the API and the aggregate; here only the internal paths are fenced to SYSTEM.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ProblemSecurityHandlers problems,
            Converter<Jwt, AbstractAuthenticationToken> callerConverter, PolicyCatalogue policies) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/internal/**").hasAnyRole(StepRoles.names(StepRoles.SCHEDULER))
                        .requestMatchers(HttpMethod.POST, "/api/v1/disputes/*/respond")
                        .hasAnyRole(StepRoles.names(StepRoles.respondents(policies)))
                        .requestMatchers(HttpMethod.POST, "/api/v1/disputes/*/acknowledge")
                        .hasAnyRole(StepRoles.names(StepRoles.respondents(policies)))
                        .requestMatchers(HttpMethod.POST, "/api/v1/good-practice")
                        .hasAnyRole(StepRoles.names(StepRoles.GOOD_PRACTICE_RECORDERS))
                        .requestMatchers(HttpMethod.POST, "/api/v1/good-practice/*/acknowledge")
                        .hasAnyRole(StepRoles.names(StepRoles.GOOD_PRACTICE_ACKNOWLEDGERS))
                        .requestMatchers(HttpMethod.POST, "/api/v1/disputes/*/meetings")
                        .hasAnyRole(StepRoles.names(StepRoles.meetingParties(policies)))
                        .requestMatchers(HttpMethod.POST, "/api/v1/disputes", "/api/v1/disputes/*/*")
                        .hasAnyRole(StepRoles.names(StepRoles.IRO_SIDE))
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().denyAll())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(callerConverter))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }

    @Bean
    ProblemSecurityHandlers problemSecurityHandlers() {
        return new ProblemSecurityHandlers();
    }

    @Bean
    JwtDecoder jwtDecoder(SecurityProperties properties) {
        NimbusJwtDecoder decoder;
        if (hasText(properties.jwkSetUri())) {
            decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build();
        } else if (hasText(properties.publicKey())) {
            decoder = NimbusJwtDecoder.withPublicKey(readPublicKey(properties.publicKey())).build();
        } else {
            throw new IllegalStateException("No token keys configured: set IRO_JWT_JWK_SET_URI or IRO_JWT_PUBLIC_KEY"
                    + " (or run with the 'dev' profile for local development; see the README)");
        }
        OAuth2TokenValidator<Jwt> validator = hasText(properties.issuer())
                ? JwtValidators.createDefaultWithIssuer(properties.issuer())
                : JwtValidators.createDefault();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validator));
        // A token's signature is checked once; its expiry and issuer on every request.
        return new VerifiedTokens(decoder, validator, 10_000, java.time.Duration.ofMinutes(10),
                java.time.Clock.systemUTC());
    }

    /** Turns a token into an authentication whose authorities are ROLE_ + each known role in the roles claim. */
    @Bean
    Converter<Jwt, AbstractAuthenticationToken> callerConverter(SecurityProperties properties) {
        String rolesClaim = hasText(properties.rolesClaim()) ? properties.rolesClaim() : "roles";
        return jwt -> {
            Set<GrantedAuthority> authorities = rolesOf(jwt, rolesClaim).stream()
                    .map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
                    .collect(Collectors.toSet());
            return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
        };
    }

    static Set<Role> rolesOf(Jwt jwt, String claim) {
        Object value = jwt.getClaims().get(claim);
        Collection<?> names;
        if (value instanceof Collection<?> list) {
            names = list;
        } else if (value instanceof String text) {
            names = List.of(text.trim().split("\\s+"));
        } else {
            names = List.of();
        }
        return names.stream()
                .map(String::valueOf)
                .filter(name -> Set.of(Role.values()).stream().anyMatch(r -> r.name().equals(name)))
                .map(Role::valueOf)
                .collect(Collectors.toUnmodifiableSet());
    }

    static RSAPublicKey readPublicKey(String keyOrLocation) {
        try {
            String pem = keyOrLocation.contains("BEGIN PUBLIC KEY") ? keyOrLocation : read(keyOrLocation);
            String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(base64);
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException("IRO_JWT_PUBLIC_KEY is neither a PEM RSA public key nor a readable"
                    + " location of one", e);
        }
    }

    private static String read(String location) throws IOException {
        Resource resource = new DefaultResourceLoader().getResource(location);
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }
}
