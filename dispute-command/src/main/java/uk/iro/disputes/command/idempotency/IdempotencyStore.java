package uk.iro.disputes.command.idempotency;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Remembers each caller's Idempotency-Key with the first answer it got. Used only inside the transaction that
 * appends the request's events, so the key and the events commit or vanish together.
 */
@Component
public class IdempotencyStore {
    private final JdbcClient jdbc;

    public IdempotencyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the key for this request, or answers what was stored under it. A concurrent request holding the
     * same key makes this wait until that one commits or rolls back.
     */
    public Optional<Remembered> claim(String caller, String key, String requestHash) {
        int inserted = jdbc.sql("""
                        INSERT INTO idempotency_key (caller, idempotency_key, request_hash, status, dispute_id, version, body)
                        VALUES (:caller, :key, :hash, 0, '', -1, '')
                        ON CONFLICT (caller, idempotency_key) DO NOTHING""")
                .param("caller", caller).param("key", key).param("hash", requestHash)
                .update();
        if (inserted == 1) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT request_hash, status, dispute_id, version, body FROM idempotency_key
                        WHERE caller = :caller AND idempotency_key = :key""")
                .param("caller", caller).param("key", key)
                .query((rs, i) -> new Remembered(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5)))
                .optional();
    }

    public void remember(String caller, String key, int status, String disputeId, long version, String body) {
        jdbc.sql("""
                        UPDATE idempotency_key SET status = :status, dispute_id = :dispute, version = :version, body = :body
                        WHERE caller = :caller AND idempotency_key = :key""")
                .param("status", status).param("dispute", disputeId).param("version", version).param("body", body)
                .param("caller", caller).param("key", key)
                .update();
    }

    /** The first answer given under a key, and the fingerprint of the request that got it. */
    public record Remembered(String requestHash, int status, String disputeId, long version, String body) {
    }
}
