package uk.iro.disputes.query.support;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import uk.iro.disputes.kernel.dispute.Role;

/** Real signed JWTs for the tests: the service's key pair, and a stranger's for bad signatures. */
public final class TestTokens {
    public static final String ISSUER = "https://login.test-council.example/iro";
    private static final KeyPair SERVICE_KEYS = generate();
    private static final KeyPair STRANGER_KEYS = generate();

    private TestTokens() {
    }

    /** The PEM public key the service under test trusts. */
    public static String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(SERVICE_KEYS.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    public static String token(String subject, Role... roles) {
        return sign(SERVICE_KEYS, ISSUER, subject, Instant.now().plus(Duration.ofMinutes(10)), roles);
    }

    /** A token whose identity provider also names the caller's team. */
    public static String tokenInTeam(String subject, String team, Role... roles) {
        return sign(SERVICE_KEYS, ISSUER, subject, Instant.now().plus(Duration.ofMinutes(10)), team, roles);
    }

    public static String expired(String subject, Role... roles) {
        return sign(SERVICE_KEYS, ISSUER, subject, Instant.now().minus(Duration.ofMinutes(10)), roles);
    }

    public static String wrongIssuer(String subject, Role... roles) {
        return sign(SERVICE_KEYS, "https://elsewhere.example", subject, Instant.now().plus(Duration.ofMinutes(10)),
                roles);
    }

    public static String wrongSignature(String subject, Role... roles) {
        return sign(STRANGER_KEYS, ISSUER, subject, Instant.now().plus(Duration.ofMinutes(10)), roles);
    }

    private static String sign(KeyPair keys, String issuer, String subject, Instant expires, Role... roles) {
        return sign(keys, issuer, subject, expires, null, roles);
    }

    private static String sign(KeyPair keys, String issuer, String subject, Instant expires, String team,
            Role... roles) {
        try {
            List<String> names = Arrays.stream(roles).map(Role::name).toList();
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(issuer).subject(subject).claim("roles", names).claim("azp", "case-system")
                    .claim("team", team)
                    .issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(20))))
                    .expirationTime(Date.from(expires)).jwtID(UUID.randomUUID().toString())
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner(keys.getPrivate()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
