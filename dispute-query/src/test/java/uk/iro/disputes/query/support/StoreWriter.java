package uk.iro.disputes.query.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.iro.disputes.kernel.audit.HashChain;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.event.DisputeEvent;

/**
 * Writes events into the command service's event table the way the command service does: Axon's JDBC engine,
 * the same Jackson serializer, aggregate type {@code Dispute}, the audit metadata (subject, role, client,
 * correlation and causation ids) and the hash chain. Test-only: the service under test never writes events.
 */
public final class StoreWriter {
    private final JdbcEventStorageEngine engine;
    private final Serializer eventSerializer;
    private final JdbcClient jdbc;
    private final String table;

    public StoreWriter(DataSource dataSource, Serializer eventSerializer, EventSchema schema) {
        this.eventSerializer = eventSerializer;
        this.table = schema.domainEventTable();
        this.jdbc = JdbcClient.create(dataSource);
        this.engine = JdbcEventStorageEngine.builder()
                .eventSerializer(eventSerializer)
                .snapshotSerializer(eventSerializer)
                // Joins a Spring transaction when the caller has one open (to hold an append uncommitted), else
                // writes with auto-commit like a command service request that has finished.
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(schema)
                .build();
    }

    /** Appends one command's events to the dispute's stream, all at {@code at}, acted by {@code actor}. */
    public List<DomainEventMessage<?>> append(Instant at, StaffReference actor, List<? extends DisputeEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        return append("Dispute", events.get(0).disputeId().value(), at, actor, events);
    }

    /** Appends one command's events to a good-practice alert's stream, as the command service's aggregate does. */
    public List<DomainEventMessage<?>> appendGoodPractice(Instant at, StaffReference actor,
            List<? extends uk.iro.disputes.kernel.goodpractice.GoodPracticeEvent> events) {
        return append("GoodPracticeAlert", events.get(0).alertId().value(), at, actor, events);
    }

    private List<DomainEventMessage<?>> append(String aggregateType, String disputeId, Instant at,
            StaffReference actor, List<?> events) {
        long sequence = engine.lastSequenceNumberFor(disputeId).map(s -> s + 1).orElse(0L);
        String previous = sequence == 0 ? HashChain.GENESIS : storedHash(disputeId, sequence - 1);
        String correlationId = UUID.randomUUID().toString();
        String causationId = UUID.randomUUID().toString();
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        for (Object event : events) {
            Map<String, Object> metadata = new HashMap<>();
            if (actor != null) {
                metadata.put("subject", actor.staffId());
                metadata.put("role", actor.role().name());
            }
            metadata.put("client", "case-system");
            metadata.put("correlationId", correlationId);
            metadata.put("causationId", causationId);
            SerializedObject<byte[]> payload = eventSerializer.serialize(event, byte[].class);
            String hash = HashChain.hash(previous, sequence, payload.getType().getName(), payload.getData(),
                    DateTimeUtils.formatInstant(at), actor == null ? null : actor.staffId(),
                    actor == null ? null : actor.role().name());
            metadata.put("previousHash", previous);
            metadata.put("hash", hash);
            messages.add(new GenericDomainEventMessage<>(aggregateType, disputeId, sequence, event, metadata,
                    UUID.randomUUID().toString(), at));
            previous = hash;
            sequence++;
        }
        engine.appendEvents(messages);
        return messages;
    }

    private String storedHash(String disputeId, long sequence) {
        String json = jdbc.sql("SELECT convert_from(metadata, 'UTF8') FROM " + table
                        + " WHERE aggregateidentifier = :id AND sequencenumber = :seq")
                .param("id", disputeId).param("seq", sequence)
                .query(String.class).single();
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("hash").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
