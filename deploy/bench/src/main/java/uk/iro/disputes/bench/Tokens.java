package uk.iro.disputes.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** RS256 tokens signed with the bundled development key, as dispute-command's mint-token makes them. */
final class Tokens {
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private final PrivateKey key;

    Tokens(Path pem) throws Exception {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        byte[] der = Base64.getDecoder().decode(text.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                .replaceAll("\\s", ""));
        key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    String mint(String subject, String... roles) {
        try {
            long now = Instant.now().getEpochSecond();
            String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
            String roleList = List.of(roles).stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(","));
            String claims = "{\"iss\":\"iro-dev\",\"sub\":\"" + subject + "\",\"roles\":[" + roleList + "],"
                    + "\"azp\":\"bench\",\"iat\":" + now + ",\"exp\":" + (now + 8 * 3600) + ",\"jti\":\""
                    + UUID.randomUUID() + "\"}";
            String signingInput = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                    + URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException("could not sign a token", e);
        }
    }
}
