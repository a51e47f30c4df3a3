package uk.iro.disputes.command.config;

import static org.axonframework.common.jdbc.JdbcUtils.executeQuery;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import uk.iro.disputes.command.application.StreamBatch;

/**
 * Axon's JDBC engine, which also reads and writes for a {@link StreamBatch}: many streams in one query, and the
 * batch's deferred appends in one JDBC batch. With no batch open on the thread it is Axon's engine unchanged.
 */
public class StreamBatchJdbcEngine extends JdbcEventStorageEngine implements StreamBatch.Store {

    public StreamBatchJdbcEngine(JdbcEventStorageEngine.Builder builder) {
        super(builder);
    }

    /** A stream the open batch holds is served from it; its events are upcast and read as any others. */
    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier,
            long firstSequenceNumber, int batchSize) {
        StreamBatch batch = StreamBatch.current();
        List<? extends DomainEventData<?>> read = batch == null ? null : batch.stream(aggregateIdentifier);
        if (read == null) {
            return super.fetchDomainEvents(aggregateIdentifier, firstSequenceNumber, batchSize);
        }
        List<DomainEventData<?>> from = new ArrayList<>(Math.min(read.size(), batchSize));
        for (DomainEventData<?> event : read) {
            if (event.getSequenceNumber() >= firstSequenceNumber && from.size() < batchSize) {
                from.add(event);
            }
        }
        return from;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        StreamBatch batch = StreamBatch.current();
        if (batch != null && batch.appended(events)) {
            return;
        }
        super.appendEvents(events, serializer);
    }

    @Override
    public void appendNow(List<? extends EventMessage<?>> events) {
        super.appendEvents(events, getEventSerializer());
    }

    /** One query: {@code aggregateIdentifier = ANY(?)}, each part answered from the (aggregate, sequence) key. */
    @Override
    public Map<String, List<? extends DomainEventData<?>>> readStreams(Collection<String> aggregateIds) {
        Map<String, List<DomainEventData<?>>> streams = new HashMap<>();
        aggregateIds.forEach(id -> streams.put(id, new ArrayList<>()));
        if (aggregateIds.isEmpty()) {
            return Map.copyOf(streams);
        }
        EventSchema schema = schema();
        String sql = "SELECT " + domainEventFields() + " FROM " + schema.domainEventTable()
                + " WHERE " + schema.aggregateIdentifierColumn() + " = ANY(?)"
                + " ORDER BY " + schema.aggregateIdentifierColumn() + ", " + schema.sequenceNumberColumn();
        executeQuery(getConnection(), connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            statement.setArray(1, connection.createArrayOf("varchar", aggregateIds.toArray()));
            return statement;
        }, resultSet -> {
            while (resultSet.next()) {
                DomainEventData<?> event = getDomainEventData(resultSet);
                streams.get(event.getAggregateIdentifier()).add(event);
            }
            return null;
        }, e -> new EventStoreException("Failed to read the streams of " + aggregateIds.size() + " aggregates", e));
        return new HashMap<>(streams);
    }
}
