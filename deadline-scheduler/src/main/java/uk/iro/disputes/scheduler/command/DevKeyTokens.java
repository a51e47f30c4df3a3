package uk.iro.disputes.scheduler.command;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * SYSTEM tokens signed with a configured RSA key (PKCS#8 PEM), in the shape dispute-command's development profile
 * accepts: RS256, {@code iss}, {@code sub}, {@code roles: ["SYSTEM"]}, {@code azp}. A token is reused until a minute
 * before it expires. Plain JDK crypto: the scheduler needs no JWT library to sign one kind of token.
 */
public final class DevKeyTokens implements Supplier<String> {
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final Duration LIFETIME = Duration.ofMinutes(10);

    private final PrivateKey key;
    private final String issuer;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    public DevKeyTokens(String pkcs8Pem, String issuer, Clock clock) {
        this.key = parse(pkcs8Pem);
        this.issuer = issuer;
        this.clock = clock;
    }

    @Override
    public synchronized String get() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(renewAt)) {
            token = mint(now);
            renewAt = now.plus(LIFETIME).minus(Duration.ofMinutes(1));
        }
        return token;
    }

    private String mint(Instant now) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"" + issuer + "\",\"sub\":\"deadline-scheduler\",\"roles\":[\"SYSTEM\"],"
                + "\"azp\":\"deadline-scheduler\",\"iat\":" + now.getEpochSecond() + ",\"exp\":"
                + now.plus(LIFETIME).getEpochSecond() + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signingInput = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign a SYSTEM token", e);
        }
    }

    private static PrivateKey parse(String pem) {
        try {
            byte[] der = Base64.getDecoder().decode(
                    pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the signing key is not an RSA private key in PKCS#8 PEM", e);
        }
    }
}
