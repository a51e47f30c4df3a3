package uk.iro.disputes.scheduler.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DevKeyTokensTest {

    @Test
    void signsAShortLivedSystemTokenThatVerifiesWithThePublicKeyAndRenewsIt() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Instant start = Instant.parse("2026-03-02T09:00:00Z");
        Clock[] clock = {Clock.fixed(start, ZoneOffset.UTC)};
        DevKeyTokens tokens = new DevKeyTokens(pem, "iro-dev", new Clock() {
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return clock[0].instant();
            }
        });

        String token = tokens.get();
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(pair.getPublic());
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rsa.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"iss\":\"iro-dev\"", "\"roles\":[\"SYSTEM\"]",
                "\"exp\":" + start.plus(Duration.ofMinutes(10)).getEpochSecond());

        assertThat(tokens.get()).isEqualTo(token);
        clock[0] = Clock.fixed(start.plus(Duration.ofMinutes(9)), ZoneOffset.UTC);
        assertThat(tokens.get()).isNotEqualTo(token);
    }
}
