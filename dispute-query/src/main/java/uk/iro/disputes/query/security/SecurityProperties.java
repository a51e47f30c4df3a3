package uk.iro.disputes.query.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How tokens are checked: the same properties as the command service. Exactly one of {@code jwkSetUri} (the
 * identity provider's key set) or {@code publicKey} (a PEM public key, inline or as a {@code file:}/
 * {@code classpath:} location) must be set.
 *
 * @param issuer the {@code iss} every token must carry; blank accepts any issuer (development only)
 * @param rolesClaim the claim holding the caller's roles, a list or a space-separated string
 * @param clientClaim the claim naming the calling system
 * @param teamClaim the claim naming the caller's team, where the identity provider gives one
 */
@ConfigurationProperties("iro.security.jwt")
public record SecurityProperties(String issuer, String jwkSetUri, String publicKey, String rolesClaim,
        String clientClaim, String teamClaim) {
}
