package uk.iro.disputes.command.config;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import uk.iro.disputes.command.application.StreamBatch;
import uk.iro.disputes.command.audit.AuditMetadata;
import uk.iro.disputes.command.audit.LoadedStreams;

/**
 * The JDBC storage engine as this service uses it, saving two round trips per command:
 * <ul>
 *   <li>no snapshot read: this service takes no snapshots (no aggregate names a snapshot trigger), so Axon's
 *   snapshot query before every load would always find nothing. Storing one is refused, so that configuring
 *   snapshots without revisiting this class fails loudly instead of being silently ignored;</li>
 *   <li>each stored event read while loading an aggregate is handed to {@link LoadedStreams}, so the hash chain
 *   takes the previous event's hash from what was just read rather than querying it again;</li>
 *   <li>{@link #isLastBatch} ends a load at the version the request found the stream at, rather than with one more
 *   query that comes back empty.</li>
 * </ul>
 * A stream that may wait for new events (Axon's embedded store asks for one only for its reader, which feeds the Kafka
 * publisher) ends after {@link #READER_FETCH_LIMIT} events: the reader's own stack holds the first event of its
 * stream, and with it every event fetched since, until the stream ends, which under a load it never catches up with
 * is never (issue 8: a heap dump of dispute-query, which then read through such a reader, showed 170,000 events held
 * so). The reader opens the next stream at once. Everything else (appends, the publisher's catch-up streams) goes
 * straight to the JDBC engine.
 *
 * <p>It is also the {@link StreamBatch.Store} a batch of commands reads and writes through, when the engine it wraps
 * is one ({@link StreamBatchJdbcEngine}, as configured).
 */
public final class CommandStorageEngine implements EventStorageEngine, StreamBatch.Store {
    /** How many events the embedded store's reader takes from one stream before it opens the next. */
    public static final int READER_FETCH_LIMIT = 1_000;

    private final EventStorageEngine delegate;

    public CommandStorageEngine(EventStorageEngine delegate) {
        this.delegate = delegate;
    }

    /** The engine that does the work. */
    public EventStorageEngine delegate() {
        return delegate;
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return Optional.empty();
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        throw new UnsupportedOperationException("dispute-command takes no snapshots and never reads them: "
                + "enable snapshots in CommandStorageEngine before configuring a snapshot trigger");
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier) {
        return readEvents(aggregateIdentifier, 0);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return new Recording(delegate.readEvents(aggregateIdentifier, firstSequenceNumber));
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        delegate.appendEvents(events);
    }

    @Override
    public Map<String, List<? extends DomainEventData<?>>> readStreams(Collection<String> aggregateIds) {
        return batchStore().readStreams(aggregateIds);
    }

    @Override
    public void appendNow(List<? extends EventMessage<?>> events) {
        batchStore().appendNow(events);
    }

    private StreamBatch.Store batchStore() {
        if (delegate instanceof StreamBatch.Store store) {
            return store;
        }
        throw new UnsupportedOperationException(delegate.getClass().getName() + " reads no stream batches");
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        Stream<? extends TrackedEventMessage<?>> stream = delegate.readEvents(trackingToken, mayBlock);
        return mayBlock ? stream.limit(READER_FETCH_LIMIT) : stream;
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return delegate.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }

    /**
     * Whether a batch of an aggregate's events, read by sequence-number range, is the last one to read. Axon's JDBC
     * engine reads until a batch comes back empty (a batch may be short because of a gap in the sequence numbers),
     * which costs a query on every load. When the command being handled says which version the request found the
     * stream at, in the same transaction ({@link AuditMetadata#STREAM_VERSION}), a batch that reaches it is the last:
     * an event committed by someone else after that check, beyond the batch's range, can only make the command's
     * append collide with it on the unique key, which is answered as a concurrent change. Otherwise, Axon's rule.
     */
    public static boolean isLastBatch(List<? extends DomainEventData<?>> batch) {
        if (batch.isEmpty()) {
            return true;
        }
        if (!CurrentUnitOfWork.isStarted()) {
            return false;
        }
        MetaData command = CurrentUnitOfWork.get().getMessage().getMetaData();
        DomainEventData<?> last = batch.get(batch.size() - 1);
        return command.get(AuditMetadata.STREAM_VERSION) instanceof Number version
                && last.getAggregateIdentifier().equals(command.get(AuditMetadata.STREAM))
                && last.getSequenceNumber() >= version.longValue();
    }

    /** Passes each event through unchanged, telling {@link LoadedStreams} as it goes. */
    private static final class Recording implements DomainEventStream {
        private final DomainEventStream events;

        Recording(DomainEventStream events) {
            this.events = events;
        }

        @Override
        public boolean hasNext() {
            return events.hasNext();
        }

        @Override
        public DomainEventMessage<?> next() {
            DomainEventMessage<?> event = events.next();
            LoadedStreams.read(event);
            return event;
        }

        @Override
        public DomainEventMessage<?> peek() {
            return events.peek();
        }

        @Override
        public Long getLastSequenceNumber() {
            return events.getLastSequenceNumber();
        }
    }
}
