package uk.iro.disputes.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.iro.disputes.kernel.audit.HashChain;

/**
 * A dispute's events exactly as stored in the command service's table (payload bytes, timestamp text, metadata),
 * read with plain SQL: the audit trail and the hash chain are about what is stored, not what Axon makes of it.
 */
@Component
public class StoredEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JdbcClient jdbc;
    private final String table;

    public StoredEvents(JdbcClient jdbc, EventSchema schema) {
        this.jdbc = jdbc;
        this.table = schema.domainEventTable();
    }

    public List<Row> of(String disputeId) {
        return jdbc.sql("SELECT globalindex, sequencenumber, eventidentifier, payloadtype, payloadrevision, payload,"
                        + " timestamp, metadata FROM " + table + " WHERE aggregateidentifier = :id"
                        + " ORDER BY sequencenumber")
                .param("id", disputeId)
                .query((rs, i) -> new Row(rs.getLong("globalindex"), rs.getLong("sequencenumber"),
                        rs.getString("eventidentifier"), rs.getString("payloadtype"), rs.getString("payloadrevision"),
                        rs.getBytes("payload"), rs.getString("timestamp"), metadata(rs.getBytes("metadata"))))
                .list();
    }

    private static JsonNode metadata(byte[] bytes) {
        try {
            return bytes == null ? JSON.createObjectNode() : JSON.readTree(bytes);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** One stored event. */
    public record Row(long globalIndex, long sequence, String eventId, String payloadType, String payloadRevision,
            byte[] payload, String timestamp, JsonNode metadata) {

        public String meta(String key) {
            JsonNode value = metadata.get(key);
            return value == null || value.isNull() ? null : value.asText();
        }

        /** The fields the hash chain covers. */
        public HashChain.StoredEvent forChain() {
            return new HashChain.StoredEvent(sequence, payloadType, payload, timestamp, meta("subject"), meta("role"),
                    meta(HashChain.PREVIOUS_HASH), meta(HashChain.HASH));
        }
    }
}
