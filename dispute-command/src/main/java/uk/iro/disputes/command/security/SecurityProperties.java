package uk.iro.disputes.command.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How tokens are checked. Exactly one of {@code jwkSetUri} (the identity provider's key set) or
 * {@code publicKey} (a PEM public key, inline or as a {@code file:}/{@code classpath:} location) must be set.
 *
 * @param issuer the {@code iss} every token must carry; blank accepts any issuer (development only)
 * @param rolesClaim the claim holding the caller's roles, a list or a space-separated string
 * @param clientClaim the claim naming the calling system
 */
@ConfigurationProperties("iro.security.jwt")
public record SecurityProperties(String issuer, String jwkSetUri, String publicKey, String rolesClaim,
        String clientClaim) {
}
