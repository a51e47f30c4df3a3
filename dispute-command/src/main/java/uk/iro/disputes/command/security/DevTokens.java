package uk.iro.disputes.command.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Mints development tokens signed by the bundled development key, which the service accepts only under the
 * 'dev' profile. Usage:
 * {@code java -jar dispute-command.jar mint-token --subject iro-17 --role IRO [--role ...] [--client portal] [--hours 8]}
 */
public final class DevTokens {
    public static final String ISSUER = "iro-dev";
    private static final String PRIVATE_KEY = "dev/dev-jwt-private.pem";

    private DevTokens() {
    }

    public static String mint(String subject, List<String> roles, String client, Duration lifetime) {
        try {
            Instant now = Instant.now();
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(ISSUER).subject(subject).claim("roles", roles).claim("azp", client)
                    .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime)))
                    .jwtID(UUID.randomUUID().toString())
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner(privateKey()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a development token", e);
        }
    }

    /** Handles {@code mint-token ...}; answers false when the arguments ask for something else. */
    public static boolean runFromCommandLine(String[] args) {
        if (args.length == 0 || !args[0].equals("mint-token")) {
            return false;
        }
        String subject = null;
        String client = "dev-client";
        long hours = 8;
        List<String> roles = new ArrayList<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--subject" -> subject = args[i + 1];
                case "--role" -> roles.add(args[i + 1]);
                case "--client" -> client = args[i + 1];
                case "--hours" -> hours = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (subject == null || roles.isEmpty()) {
            System.err.println("usage: mint-token --subject <staff id> --role <ROLE> [--role <ROLE>] [--client <id>]"
                    + " [--hours <n>]");
            System.exit(2);
        }
        System.out.println(mint(subject, roles, client, Duration.ofHours(hours)));
        return true;
    }

    private static PrivateKey privateKey() {
        try (InputStream in = DevTokens.class.getClassLoader().getResourceAsStream(PRIVATE_KEY)) {
            if (in == null) {
                throw new IllegalStateException("the development key " + PRIVATE_KEY + " is not on the classpath");
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            byte[] der = Base64.getDecoder().decode(
                    pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("unreadable development key", e);
        }
    }
}
