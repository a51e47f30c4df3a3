package uk.iro.disputes.kernel.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The tamper-evident chain over one dispute's events. Each event's metadata carries {@code hash}, the SHA-256
 * (lower-case hex) of these six lines joined by a single line feed, encoded as UTF-8:
 *
 * <ol>
 *   <li>the previous event's hash ({@link #GENESIS} for the first event of a dispute);
 *   <li>the event's sequence number in the dispute, in decimal;
 *   <li>the event type, exactly as stored in the {@code payloadtype} column;
 *   <li>the canonical payload: the stored JSON with every object's keys sorted by code point, no insignificant
 *       white space, strings and numbers as Jackson writes them;
 *   <li>the timestamp exactly as stored in the {@code timestamp} column;
 *   <li>the actor: the metadata's {@code subject}, a vertical bar, the metadata's {@code role} (empty strings
 *       when absent).
 * </ol>
 *
 * An auditor recomputes it from the {@code domainevententry} table with any SHA-256 tool: see docs/audit.md.
 */
public final class HashChain {
    public static final String GENESIS = "0".repeat(64);
    public static final String HASH = "hash";
    public static final String PREVIOUS_HASH = "previousHash";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Looking a digest up by name walks the security providers each time; one per thread is reset and reused. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    });

    private HashChain() {
    }

    /** The hash of one event, given the hash before it. */
    public static String hash(String previousHash, long sequence, String eventType, byte[] payloadJson,
            String timestamp, String subject, String role) {
        String input = String.join("\n", previousHash, Long.toString(sequence), eventType,
                canonicalJson(payloadJson), timestamp, nullToEmpty(subject) + "|" + nullToEmpty(role));
        return sha256(input);
    }

    /** The stored JSON in canonical form: keys sorted, compact. */
    public static String canonicalJson(byte[] json) {
        try {
            return JSON.writeValueAsString(sorted(JSON.readTree(json)));
        } catch (IOException e) {
            throw new IllegalArgumentException("payload is not JSON", e);
        }
    }

    /**
     * Walks a dispute's stored events in sequence order and answers the first place the chain breaks: a gap in
     * the sequence (an event removed), a recorded previous hash that is not the last one, or a hash that does
     * not match the event as stored (an event changed).
     */
    public static Optional<Break> verify(List<StoredEvent> events) {
        String previous = GENESIS;
        long expectedSequence = 0;
        for (StoredEvent event : events) {
            if (event.sequence() != expectedSequence) {
                return Optional.of(new Break(expectedSequence, Break.Kind.MISSING,
                        "expected sequence " + expectedSequence + ", found " + event.sequence()));
            }
            if (event.previousHash() == null || !event.previousHash().equals(previous)) {
                return Optional.of(new Break(event.sequence(), Break.Kind.CHANGED,
                        "its previousHash does not match the hash of the event before it"));
            }
            String recomputed = hash(previous, event.sequence(), event.eventType(), event.payloadJson(),
                    event.timestamp(), event.subject(), event.role());
            if (!recomputed.equals(event.hash())) {
                return Optional.of(new Break(event.sequence(), Break.Kind.CHANGED,
                        "its stored content no longer matches its hash"));
            }
            previous = event.hash();
            expectedSequence++;
        }
        return Optional.empty();
    }

    /** One stored event, as read back from the event table, with the fields the chain covers. */
    public record StoredEvent(long sequence, String eventType, byte[] payloadJson, String timestamp, String subject,
            String role, String previousHash, String hash) {
    }

    /** Where and why a chain is broken. */
    public record Break(long sequence, Kind kind, String reason) {
        public enum Kind { CHANGED, MISSING }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                fields.put(name, sorted(node.get(name)));
            }
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            fields.forEach(result::set);
            return result;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(item -> items.add(sorted(item)));
            ArrayNode result = JsonNodeFactory.instance.arrayNode();
            result.addAll(items);
            return result;
        }
        return node;
    }

    private static String sha256(String input) {
        MessageDigest digest = SHA_256.get();
        digest.reset();
        return HexFormat.of().formatHex(digest.digest(input.getBytes(StandardCharsets.UTF_8)));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
