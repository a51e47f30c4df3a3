package uk.iro.disputes.command.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.iro.disputes.kernel.audit.HashChain;

/** Reads a dispute's stored events back as the hash chain covers them, and verifies the chain. */
@Component
public class StoredChain {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JdbcClient jdbc;

    public StoredChain(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<HashChain.StoredEvent> read(String disputeId) {
        return jdbc.sql("""
                        SELECT sequencenumber, payloadtype, payload, timestamp, metadata FROM domainevententry
                        WHERE aggregateidentifier = :id ORDER BY sequencenumber""")
                .param("id", disputeId)
                .query((rs, i) -> {
                    JsonNode meta = metadata(rs.getBytes("metadata"));
                    return new HashChain.StoredEvent(rs.getLong("sequencenumber"), rs.getString("payloadtype"),
                            rs.getBytes("payload"), rs.getString("timestamp"), text(meta, AuditMetadata.SUBJECT),
                            text(meta, AuditMetadata.ROLE), text(meta, HashChain.PREVIOUS_HASH),
                            text(meta, HashChain.HASH));
                })
                .list();
    }

    /** Empty when the chain is intact; otherwise the first break. */
    public Optional<HashChain.Break> verify(String disputeId) {
        return HashChain.verify(read(disputeId));
    }

    private static JsonNode metadata(byte[] bytes) {
        try {
            return bytes == null ? JSON.createObjectNode() : JSON.readTree(bytes);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
