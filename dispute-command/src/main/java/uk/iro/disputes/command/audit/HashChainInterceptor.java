package uk.iro.disputes.command.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import javax.sql.DataSource;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import uk.iro.disputes.kernel.audit.HashChain;

/**
 * Adds {@code previousHash} and {@code hash} to every domain event before it is stored (see {@link HashChain}
 * for the canonical form). The previous hash comes from the event before it in the same unit of work or, for
 * the first event of a command, from the stored event one sequence number back, read in the same transaction: taken
 * from the metadata of the last event the repository read to load the aggregate ({@link LoadedStreams}), or read
 * from the store when the load did not end there. The aggregate's lock and the store's unique key mean no other
 * writer can slip in between: one that appended after our read makes our append fail as a concurrent change.
 *
 * <p>Before it is chained, an event takes the instant of the first event its unit of work applied to the same
 * dispute: Axon stamps each event when the aggregate applies it, so one command's events were recorded milliseconds
 * apart, and the caseload as of an instant between them showed a state no reader could ever have seen (its events
 * are committed together or not at all). One instant per command is what the read models assume (issue 8).
 */
public class HashChainInterceptor implements MessageDispatchInterceptor<EventMessage<?>> {
    private static final String LAST_HASHES = HashChainInterceptor.class.getName() + ".lastHashes";
    private static final String FIRST_INSTANTS = HashChainInterceptor.class.getName() + ".firstInstants";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Serializer eventSerializer;
    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;
    private final Map<String, Counter> appendedCounters = new ConcurrentHashMap<>();

    public HashChainInterceptor(Serializer eventSerializer, DataSource dataSource, MeterRegistry meters) {
        this.eventSerializer = eventSerializer;
        this.jdbc = new JdbcTemplate(dataSource);
        this.meters = meters;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, message) -> message instanceof DomainEventMessage<?> domain ? chain(domain) : message;
    }

    private EventMessage<?> chain(DomainEventMessage<?> applied) {
        boolean inUnitOfWork = CurrentUnitOfWork.isStarted();
        Map<String, String> lastHashes = inUnitOfWork
                ? CurrentUnitOfWork.get().root().getOrComputeResource(LAST_HASHES, k -> new HashMap<>())
                : new HashMap<>();
        DomainEventMessage<?> event = inUnitOfWork ? atFirstInstant(applied) : applied;
        String aggregateId = event.getAggregateIdentifier();
        long sequence = event.getSequenceNumber();
        String previous = lastHashes.get(aggregateId);
        if (previous == null) {
            previous = sequence == 0 ? HashChain.GENESIS : previousHash(aggregateId, sequence - 1);
        }
        SerializedObject<byte[]> payload = eventSerializer.serialize(event.getPayload(), byte[].class);
        MetaData metaData = event.getMetaData();
        String hash = HashChain.hash(previous, sequence, payload.getType().getName(), payload.getData(),
                DateTimeUtils.formatInstant(event.getTimestamp()),
                (String) metaData.get(AuditMetadata.SUBJECT), (String) metaData.get(AuditMetadata.ROLE));
        lastHashes.put(aggregateId, hash);
        countOnCommit(event.getPayloadType().getSimpleName());
        return event.andMetaData(Map.of(HashChain.PREVIOUS_HASH, previous, HashChain.HASH, hash));
    }

    /** The event at the instant of the first event the unit of work applied to its dispute. */
    private static DomainEventMessage<?> atFirstInstant(DomainEventMessage<?> event) {
        Map<String, Instant> firstInstants = CurrentUnitOfWork.get().root()
                .getOrComputeResource(FIRST_INSTANTS, k -> new HashMap<>());
        Instant first = firstInstants.putIfAbsent(event.getAggregateIdentifier(), event.getTimestamp());
        if (first == null || first.equals(event.getTimestamp())) {
            return event;
        }
        return new GenericDomainEventMessage<>(event.getType(), event.getAggregateIdentifier(),
                event.getSequenceNumber(), event, first);
    }

    /**
     * The hash of stored event {@code sequence}: from the metadata of the event the repository just read to load the
     * aggregate in this unit of work when it was that one, else read from the store.
     */
    private String previousHash(String aggregateId, long sequence) {
        DomainEventMessage<?> loaded = LoadedStreams.lastRead(aggregateId, sequence);
        if (loaded != null && loaded.getMetaData().get(HashChain.HASH) instanceof String hash) {
            return hash;
        }
        return storedHash(aggregateId, sequence);
    }

    private String storedHash(String aggregateId, long sequence) {
        List<byte[]> rows = jdbc.query(
                "SELECT metadata FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = ?",
                (rs, i) -> rs.getBytes(1), aggregateId, sequence);
        if (rows.isEmpty() || rows.get(0) == null) {
            throw new IllegalStateException("dispute " + aggregateId + " has no stored event " + sequence
                    + " to chain to");
        }
        try {
            JsonNode hash = JSON.readTree(rows.get(0)).get(HashChain.HASH);
            if (hash == null) {
                throw new IllegalStateException("event " + sequence + " of dispute " + aggregateId + " has no hash");
            }
            return hash.asText();
        } catch (IOException e) {
            throw new IllegalStateException("unreadable metadata on event " + sequence + " of " + aggregateId, e);
        }
    }

    private void countOnCommit(String eventType) {
        // Looked up once per type: registering again per event built the meter's id and tags each time.
        Counter counter = appendedCounters.computeIfAbsent(eventType, type -> Counter.builder("iro.events.appended")
                .description("Events appended to the store").tag("type", type).register(meters));
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
            // The unit of work commits inside the request's (or the deadline batch's) Spring transaction, which can
            // still roll back after it: count once that one commits.
            unitOfWork.afterCommit(u -> {
                if (TransactionSynchronizationManager.isSynchronizationActive()) {
                    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            counter.increment();
                        }
                    });
                } else {
                    counter.increment();
                }
            });
        }
    }
}
