package uk.iro.disputes.scheduler.config;

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
 * dispute-command's event table as this service reads it: a stream that may wait for new events ends after
 * {@code readerFetchLimit} events. Only Axon's embedded store asks for such streams, for its reader, and the reader's
 * own stack holds the first event of its current stream, and with it every event fetched since, until the stream
 * ends: under a bulk load it never catches up with, never (issue 8: a heap dump of dispute-query showed 170,000
 * events held so; this service's heap reached 498 of 512 MiB while 100,000 disputes were stored at once). The reader
 * opens the next stream at once. Catch-up streams and everything else go to the JDBC engine as they are.
 */
public final class BoundedReaderStorageEngine implements EventStorageEngine {
    private final EventStorageEngine delegate;
    private final int readerFetchLimit;

    public BoundedReaderStorageEngine(EventStorageEngine delegate, int readerFetchLimit) {
        if (readerFetchLimit < 1) {
            throw new IllegalStateException("the reader's fetch limit must be positive");
        }
        this.delegate = delegate;
        this.readerFetchLimit = readerFetchLimit;
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        Stream<? extends TrackedEventMessage<?>> stream = delegate.readEvents(trackingToken, mayBlock);
        return mayBlock ? stream.limit(readerFetchLimit) : stream;
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        delegate.appendEvents(events);
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(snapshot);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return delegate.readSnapshot(aggregateIdentifier);
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
