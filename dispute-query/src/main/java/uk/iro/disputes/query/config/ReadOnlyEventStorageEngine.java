package uk.iro.disputes.query.config;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * The command service owns the event store; this service reads it and never writes. Appends and snapshots are
 * refused here, so a wiring mistake fails loudly instead of adding events behind the aggregate's back (in
 * production the database user should hold only SELECT on the command schema as well).
 *
 * <p>A stream that may wait for new events ends after {@code readerFetchLimit} events. Only Axon's embedded store
 * asks for such streams, for its reader, and the reader keeps one stream open until a fetch finds nothing new, its
 * own stack holding the stream's first event and, through the chain each event links to the next, every event
 * fetched since. Under a load it never caught up with (issue 8's bulk load of a million events) one stream lasted the
 * whole load: a heap dump showed 170,000 events held by that single stack frame, and the 512 MiB heap filled. The
 * reader opens the next stream at once, so what it holds stays within the store's cache plus one stream.
 */
public final class ReadOnlyEventStorageEngine implements EventStorageEngine {
    private final EventStorageEngine delegate;
    private final int readerFetchLimit;

    public ReadOnlyEventStorageEngine(EventStorageEngine delegate, int readerFetchLimit) {
        if (readerFetchLimit < 1) {
            throw new IllegalStateException("the reader's fetch limit must be positive");
        }
        this.delegate = delegate;
        this.readerFetchLimit = readerFetchLimit;
    }

    public EventStorageEngine delegate() {
        return delegate;
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        throw new UnsupportedOperationException("dispute-query reads the event store; it never appends to it");
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        throw new UnsupportedOperationException("dispute-query reads the event store; it never writes snapshots");
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        Stream<? extends TrackedEventMessage<?>> stream = delegate.readEvents(trackingToken, mayBlock);
        return mayBlock ? stream.limit(readerFetchLimit) : stream;
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return Optional.empty();
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
}
