package uk.iro.disputes.command.config;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;
import org.axonframework.common.IdentifierFactory;

/**
 * Random (version 4) UUIDs for message and correlation identifiers, from one cryptographically strong generator per
 * thread. {@link UUID#randomUUID()} draws from a single shared generator whose lock every request thread queued on
 * at 64 concurrent clients (issue 8: 344 waits in a JFR recording, and a sixth of the busy request threads in the
 * benchmark's thread dumps). Axon finds this factory through {@code META-INF/services}.
 */
public final class Identifiers extends IdentifierFactory {
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
        try {
            // DRBG instances are independent: no lock shared between threads, each seeded from the system.
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    });

    /** A random UUID, as {@link UUID#randomUUID()} would make one. */
    public static UUID randomUuid() {
        byte[] bytes = new byte[16];
        RANDOM.get().nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // IETF variant
        long most = 0;
        long least = 0;
        for (int i = 0; i < 8; i++) {
            most = (most << 8) | (bytes[i] & 0xff);
            least = (least << 8) | (bytes[i + 8] & 0xff);
        }
        return new UUID(most, least);
    }

    @Override
    public String generateIdentifier() {
        return randomUuid().toString();
    }
}
