package uk.iro.disputes.command.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** A verified token is remembered by its exact text; its expiry is still checked on every use. */
class VerifiedTokensTest {
    private final KeyPair keys = rsa();
    private Instant now = Instant.parse("2026-11-29T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final AtomicInteger verifications = new AtomicInteger();
    private final VerifiedTokens tokens;

    VerifiedTokensTest() {
        JwtTimestampValidator validator = new JwtTimestampValidator(Duration.ZERO);
        validator.setClock(clock);
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic()).build();
        nimbus.setJwtValidator(validator);
        JwtDecoder counting = token -> {
            verifications.incrementAndGet();
            return nimbus.decode(token);
        };
        tokens = new VerifiedTokens(counting, validator, 3, Duration.ofMinutes(10), clock);
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String token(String subject, Duration lifetime) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder().subject(subject)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime))).build());
        jwt.sign(new RSASSASigner(keys.getPrivate()));
        return jwt.serialize();
    }

    @Test
    void aTokenIsVerifiedOnceAndRememberedByItsExactText() throws Exception {
        String token = token("iro-17", Duration.ofMinutes(5));

        assertThat(tokens.decode(token).getSubject()).isEqualTo("iro-17");
        assertThat(tokens.decode(token).getSubject()).isEqualTo("iro-17");
        assertThat(verifications).hasValue(1);

        // The same claims with another signature is another text: verified, and refused.
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(JwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRememberedTokenStopsWorkingWhenItExpires() throws Exception {
        String token = token("iro-17", Duration.ofMinutes(5));
        tokens.decode(token);

        now = now.plus(Duration.ofMinutes(4));
        assertThat(tokens.decode(token).getSubject()).isEqualTo("iro-17");
        now = now.plus(Duration.ofMinutes(2));
        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void theMemoryIsBounded() throws Exception {
        for (int i = 0; i < 10; i++) {
            tokens.decode(token("user-" + i, Duration.ofMinutes(5)));
            assertThat(tokens.remembered()).isLessThanOrEqualTo(3);
        }
    }
}
