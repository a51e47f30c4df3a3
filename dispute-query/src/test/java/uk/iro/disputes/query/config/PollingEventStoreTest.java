package uk.iro.disputes.query.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The projection's event store: each stream reads the engine itself, holds no more than the event it was shown, and
 * polls an idle table no more often than the fetch delay (issue 8: Axon's shared reader filled the heap under a bulk
 * load, and walking its cache while idle lengthened the service's pauses).
 */
class PollingEventStoreTest {
    private static final Duration FETCH_DELAY = Duration.ofMillis(100);

    private final Table table = new Table(7);
    private PollingEventStore store;

    @AfterEach
    void shutDown() {
        if (store != null) {
            store.shutDown();
        }
    }

    private PollingEventStore store(Duration fetchDelay) {
        store = new PollingEventStore(PollingEventStore.builder().storageEngine(new ReadOnlyEventStorageEngine(table)),
                fetchDelay);
        return store;
    }

    @Test
    void deliversEveryEventOnceInOrderAcrossTheEnginesBatchesAndAfterFindingNothing() throws Exception {
        table.write(20);
        TrackingEventStream stream = store(FETCH_DELAY).openStream(new GlobalSequenceTrackingToken(4));
        List<Long> seen = new ArrayList<>();
        while (stream.hasNextAvailable()) {
            seen.add(index(stream.nextAvailable()));
        }
        table.write(5);
        for (int i = 0; i < 5; i++) {
            assertThat(stream.hasNextAvailable(2, TimeUnit.SECONDS)).isTrue();
            seen.add(index(stream.nextAvailable()));
        }

        assertThat(seen).containsExactlyElementsOf(range(5, 25));
        assertThat(stream.hasNextAvailable()).isFalse();
    }

    @Test
    void aStreamFromNoTokenStartsAtTheFirstEvent() throws Exception {
        table.write(3);
        TrackingEventStream stream = store(FETCH_DELAY).openStream(null);

        assertThat(stream.peek()).map(PollingEventStoreTest::index).contains(0L);
        assertThat(index(stream.nextAvailable())).isZero();
    }

    @Test
    void readsNoFurtherAheadThanTheEventTheProcessorWasShown() throws Exception {
        table.write(5_000);
        TrackingEventStream stream = store(FETCH_DELAY).openStream(null);

        for (int delivered = 1; delivered <= 1_000; delivered++) {
            stream.nextAvailable();
            assertThat(stream.peek()).isPresent();
            assertThat(table.produced.get() - delivered)
                    .as("events taken from the engine but not yet delivered, after %d", delivered).isEqualTo(1);
        }
    }

    @Test
    void anIdleTableIsAskedAgainOnlyAfterTheFetchDelay() throws Exception {
        TrackingEventStream stream = store(Duration.ofSeconds(30)).openStream(null);

        for (int i = 0; i < 1_000; i++) {
            assertThat(stream.hasNextAvailable()).isFalse();
        }
        assertThat(stream.peek()).isEmpty();

        assertThat(table.reads.get()).as("one read of the engine, then none within the delay").isEqualTo(1);
        table.write(1);
        assertThat(stream.hasNextAvailable(10, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(table.reads.get()).isEqualTo(1);
    }

    @Test
    void aWaitingProcessorIsPromptedOncePerFetchDelayAndFindsNewEventsWithinIt() throws Exception {
        PollingEventStore store = store(FETCH_DELAY);
        TrackingEventStream stream = store.openStream(null);
        AtomicInteger prompts = new AtomicInteger();
        List<Long> found = new CopyOnWriteArrayList<>();
        // What a pooled processor's coordinator does when prompted: look at the stream, take what is there.
        assertThat(stream.setOnAvailableCallback(() -> {
            prompts.incrementAndGet();
            try {
                while (stream.hasNextAvailable()) {
                    found.add(index(stream.nextAvailable()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })).isTrue();
        assertThat(store.promptedStreams()).isEqualTo(1);

        Thread.sleep(1_000);
        int idlePrompts = prompts.get();
        // A 500 ms poll would look twice in a second; a prompt on every tick (25 ms) forty times.
        assertThat(idlePrompts).as("prompts in an idle second").isBetween(3, 15);
        assertThat(table.reads.get()).as("one read per prompt").isBetween(idlePrompts - 1, idlePrompts + 1);

        table.write(3);
        long written = System.nanoTime();
        while (found.size() < 3 && System.nanoTime() - written < TimeUnit.SECONDS.toNanos(5)) {
            Thread.sleep(5);
        }
        assertThat(found).containsExactly(0L, 1L, 2L);

        stream.close();
        assertThat(store.promptedStreams()).isZero();
        int afterClose = prompts.get();
        Thread.sleep(300);
        assertThat(prompts.get()).as("a closed stream is no longer prompted").isEqualTo(afterClose);
    }

    @Test
    void aReadThatFailsReachesTheProcessorAndTheNextReadGoesOnFromTheLastEventTaken() throws Exception {
        table.write(20);
        TrackingEventStream stream = store(FETCH_DELAY).openStream(null);
        List<Long> seen = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            seen.add(index(stream.nextAvailable()));
        }
        table.failNextBatch.set(true);
        // The engine's batches are 7 events: the third batch's fetch fails somewhere in what is left.
        try {
            while (stream.hasNextAvailable()) {
                seen.add(index(stream.nextAvailable()));
            }
            org.assertj.core.api.Assertions.fail("the failed read did not reach the caller");
        } catch (IllegalStateException e) {
            assertThat(e).hasMessageContaining("database unavailable");
        }
        while (stream.hasNextAvailable()) {
            seen.add(index(stream.nextAvailable()));
        }

        assertThat(seen).containsExactlyElementsOf(range(0, 20));
    }

    @Test
    void aFetchDelayThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> store(Duration.ZERO)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fetch delay");
    }

    private static long index(TrackedEventMessage<?> event) {
        return ((GlobalSequenceTrackingToken) event.trackingToken()).getGlobalIndex();
    }

    private static List<Long> range(long from, long to) {
        List<Long> values = new ArrayList<>();
        for (long i = from; i < to; i++) {
            values.add(i);
        }
        return values;
    }

    /**
     * An event table read as Axon's JDBC engine reads it: lazily, a batch at a time, from just after the token, the
     * stream ending at the first empty batch. Counts reads and the events its streams produced.
     */
    private static final class Table implements EventStorageEngine {
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger produced = new AtomicInteger();
        /** The next batch fetched fails, as a lost connection would, and so does every later one of that stream. */
        final java.util.concurrent.atomic.AtomicBoolean failNextBatch = new java.util.concurrent.atomic.AtomicBoolean();
        private final int batchSize;
        private volatile long written;

        Table(int batchSize) {
            this.batchSize = batchSize;
        }

        void write(int events) {
            written += events;
        }

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken token, boolean mayBlock) {
            reads.incrementAndGet();
            long from = token == null ? 0 : ((GlobalSequenceTrackingToken) token).getGlobalIndex() + 1;
            Spliterator<TrackedEventMessage<?>> events = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
                    Spliterator.ORDERED | Spliterator.NONNULL) {
                private long next = from;
                private long batchEnd = from;
                private boolean broken;

                @Override
                public boolean tryAdvance(Consumer<? super TrackedEventMessage<?>> action) {
                    if (next == batchEnd) {
                        if (broken || failNextBatch.getAndSet(false)) {
                            broken = true;
                            throw new IllegalStateException("database unavailable");
                        }
                        batchEnd = Math.min(next + batchSize, written);
                    }
                    if (next >= batchEnd) {
                        return false;
                    }
                    produced.incrementAndGet();
                    action.accept(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(next),
                            GenericEventMessage.asEventMessage("event " + next)));
                    next++;
                    return true;
                }
            };
            return StreamSupport.stream(events, false);
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
