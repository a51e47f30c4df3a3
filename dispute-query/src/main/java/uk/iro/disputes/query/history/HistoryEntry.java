package uk.iro.disputes.query.history;

import java.time.Instant;
import java.util.Map;

/**
 * One event of the audit trail.
 *
 * @param time when it was recorded (the store's timestamp)
 * @param type the event type (simple name; {@code payloadType} is the stored type)
 * @param actor who acted, from the token of the request that caused it: subject (staff id) and role
 * @param client the calling system
 * @param change what it changed, in plain words
 * @param data the stored payload
 * @param hash the event's link in the dispute's hash chain; {@code previousHash} the link before it
 */
public record HistoryEntry(
        long sequence,
        long globalIndex,
        String eventId,
        Instant time,
        String type,
        String payloadType,
        Actor actor,
        String client,
        String correlationId,
        String causationId,
        String change,
        Map<String, Object> data,
        String previousHash,
        String hash) {

    public record Actor(String subject, String role) {
    }
}
