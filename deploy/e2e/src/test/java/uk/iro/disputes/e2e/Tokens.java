package uk.iro.disputes.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** The callers' tokens, as a council's identity provider would sign them: RS256 with the topology's own key. */
final class Tokens {
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey key;
    private final String issuer;

    Tokens(Path pkcs8Pem, String issuer) throws IOException, GeneralSecurityException {
        String pem = Files.readString(pkcs8Pem, StandardCharsets.US_ASCII);
        byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                .replaceAll("\\s", ""));
        this.key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        this.issuer = issuer;
    }

    /** A one-hour token for a member of staff acting in a role, from the "council-case-system" client. */
    String token(String subject, String role) {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"%s\",\"sub\":\"%s\",\"roles\":[\"%s\"],\"azp\":\"council-case-system\",\"iat\":%d,"
                .formatted(issuer, subject, role, now)
                + "\"exp\":%d,\"jti\":\"%s\"}".formatted(now + 3600, UUID.randomUUID());
        String input = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
