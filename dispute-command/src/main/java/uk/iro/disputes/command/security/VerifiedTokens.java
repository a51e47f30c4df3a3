package uk.iro.disputes.command.security;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Remembers tokens whose signature has been verified, so that a council system sending many commands with one
 * token does not have each one's signature checked and claims parsed again (issue 8's profile: about a seventh of
 * the service's CPU at 64 clients).
 *
 * <p>A token is found again only by its exact text, signature included, so nothing unverified can match. The
 * validator (expiry, not-before, issuer) is run again on every use, so a remembered token stops working when it
 * expires, exactly as a fresh one would; a token is forgotten at its expiry or after {@code maxAge} at most. At most
 * {@code maxSize} tokens are kept; when full, the memory is emptied (each token is then verified again once).
 */
public final class VerifiedTokens implements JwtDecoder {
    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> validator;
    private final int maxSize;
    private final java.time.Duration maxAge;
    private final Clock clock;
    private final ConcurrentHashMap<String, Remembered> verified = new ConcurrentHashMap<>();

    private record Remembered(Jwt jwt, Instant forgetAt) {
    }

    /**
     * @param verifier checks the signature and runs {@code validator}
     * @param validator what {@code verifier} validates with, run again on each remembered use
     */
    public VerifiedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, int maxSize,
            java.time.Duration maxAge, Clock clock) {
        this.verifier = verifier;
        this.validator = validator;
        this.maxSize = maxSize;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        if (token == null) {
            throw new BadJwtException("no token");
        }
        Instant now = clock.instant();
        Remembered remembered = verified.get(token);
        if (remembered != null && now.isBefore(remembered.forgetAt())) {
            OAuth2TokenValidatorResult result = validator.validate(remembered.jwt());
            if (result.hasErrors()) {
                verified.remove(token);
                throw new JwtValidationException("the token is no longer valid", result.getErrors());
            }
            return remembered.jwt();
        }
        Jwt jwt = verifier.decode(token);
        Instant forgetAt = now.plus(maxAge);
        if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(forgetAt)) {
            forgetAt = jwt.getExpiresAt();
        }
        if (verified.size() >= maxSize) {
            verified.clear();
        }
        verified.put(token, new Remembered(jwt, forgetAt));
        return jwt;
    }

    /** How many tokens are remembered (for tests). */
    int remembered() {
        return verified.size();
    }
}
