package uk.iro.disputes.scheduler.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;

/**
 * The embedded store's reader holds every event of its current stream (issue 8: a heap dump of dispute-query showed
 * 170,000 events held so), so a stream that may wait for events must end after a bounded number of them.
 */
class BoundedReaderStorageEngineTest {
    private static final int LIMIT = AxonStorageConfiguration.READER_FETCH_LIMIT;

    @Test
    void a_waiting_stream_ends_after_the_reader_fetch_limit_and_a_catch_up_stream_does_not() {
        BoundedReaderStorageEngine engine = new BoundedReaderStorageEngine(new Endless(), LIMIT);
        assertThat(engine.readEvents(null, true).count()).isEqualTo(LIMIT);
        int more = LIMIT * 3;
        assertThat(engine.readEvents(null, false).limit(more).count()).isEqualTo(more);
    }

    @Test
    void the_next_waiting_stream_goes_on_from_where_the_last_one_ended() {
        BoundedReaderStorageEngine engine = new BoundedReaderStorageEngine(new Endless(), LIMIT);
        List<? extends TrackedEventMessage<?>> first = engine.readEvents(null, true).toList();
        TrackingToken last = first.get(first.size() - 1).trackingToken();
        assertThat(engine.readEvents(last, true).findFirst().orElseThrow().trackingToken())
                .isEqualTo(new GlobalSequenceTrackingToken(LIMIT));
    }

    @Test
    void a_limit_below_one_is_refused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BoundedReaderStorageEngine(new Endless(), 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("fetch limit");
    }

    /** Events without end from the token on, as a store being written faster than it is read. */
    private static final class Endless implements EventStorageEngine {
        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken token, boolean mayBlock) {
            AtomicLong next = new AtomicLong(token == null ? 0 : ((GlobalSequenceTrackingToken) token).getGlobalIndex() + 1);
            return Stream.generate(() -> {
                long index = next.getAndIncrement();
                return new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(index),
                        GenericEventMessage.asEventMessage("event " + index));
            });
        }

        @Override
        public void appendEvents(List<? extends EventMessage<?>> events) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void storeSnapshot(DomainEventMessage<?> snapshot) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            return DomainEventStream.empty();
        }

        @Override
        public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
            return Optional.empty();
        }
    }
}
