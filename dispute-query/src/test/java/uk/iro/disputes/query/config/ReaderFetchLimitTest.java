package uk.iro.disputes.query.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store's reader must not hold on to what it fetched while a load keeps it from ever catching up (issue 8: a
 * million-event bulk load filled dispute-query's heap through the reader's own stack frame).
 */
class ReaderFetchLimitTest {
    private static final int CACHED = 100;
    private static final int FETCH_LIMIT = 200;
    /** The reader's first stream ends after this many events: it has caught up once, so it holds a newest event. */
    private static final int CAUGHT_UP_AT = 10;
    /** Its next stream delivers up to here and then waits, as if the writers were always just ahead of it. */
    private static final int AHEAD = 2_000;

    private final Endless engine = new Endless(0);
    private PromptEventStore store;

    @AfterEach
    void shutDown() {
        engine.release.countDown();
        if (store != null) {
            store.shutDown();
        }
    }

    @Test
    void the_reader_lets_go_of_early_events_while_its_stream_is_still_delivering() throws Exception {
        store = new PromptEventStore(EmbeddedEventStore.builder()
                .storageEngine(new ReadOnlyEventStorageEngine(engine, FETCH_LIMIT)).cachedEvents(CACHED)
                .cleanupDelay(20).fetchDelay(10), Duration.ofMillis(20));
        // A processor that follows the store and keeps up, so that only the store itself could hold old events.
        TrackingEventStream stream = store.openStream(null);
        Thread follower = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    stream.nextAvailable();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        follower.setDaemon(true);
        follower.start();
        try {
            assertThat(engine.waiting.await(20, TimeUnit.SECONDS))
                    .as("the reader fetched every event the engine had and waits for more").isTrue();
            WeakReference<TrackedEventMessage<?>> early = engine.early.get();
            for (int i = 0; i < 100 && early.get() != null; i++) {
                System.gc();
                Thread.sleep(20);
            }
            assertThat(early.get())
                    .as("the first event of the reader's second stream, %d events ago, is no longer held",
                            AHEAD - CAUGHT_UP_AT)
                    .isNull();
        } finally {
            follower.interrupt();
            stream.close();
        }
    }

    @Test
    void only_the_readers_waiting_stream_is_bounded_a_catch_up_stream_is_whole() {
        Endless whole = new Endless(AHEAD);
        // Nothing waits here: a waiting stream that reaches the end ends there (as it would without the bound).
        whole.release.countDown();
        ReadOnlyEventStorageEngine bounded = new ReadOnlyEventStorageEngine(whole, FETCH_LIMIT);
        TrackingToken behind = new GlobalSequenceTrackingToken(CAUGHT_UP_AT);
        assertThat(bounded.readEvents(behind, true).count()).isEqualTo(FETCH_LIMIT);
        assertThat(bounded.readEvents(behind, false).count()).isEqualTo(AHEAD - CAUGHT_UP_AT - 1);
    }

    @Test
    void a_fetch_limit_below_one_is_refused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ReadOnlyEventStorageEngine(engine, 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("fetch limit");
    }

    /**
     * An engine whose streams count up from the token. The reader's first waiting stream ends at
     * {@link #CAUGHT_UP_AT}; later ones deliver up to {@link #AHEAD} and then block, so a reader that never ends its
     * stream stays inside it. What a waiting stream has delivered counts as written: a catch-up stream delivers up to
     * there (or {@code catchUpEnd}, if further) and ends.
     */
    private static final class Endless implements EventStorageEngine {
        final CountDownLatch waiting = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicReference<WeakReference<TrackedEventMessage<?>>> early = new AtomicReference<>();
        private final long catchUpEnd;
        private final java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();

        Endless(long catchUpEnd) {
            this.catchUpEnd = catchUpEnd;
        }

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken token, boolean mayBlock) {
            long from = token == null ? 0 : ((GlobalSequenceTrackingToken) token).getGlobalIndex() + 1;
            Spliterator<TrackedEventMessage<?>> events = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
                    Spliterator.ORDERED | Spliterator.NONNULL) {
                private long next = from;

                @Override
                public boolean tryAdvance(Consumer<? super TrackedEventMessage<?>> action) {
                    if (!mayBlock && next >= Math.max(catchUpEnd, written.get()) || mayBlock && from == 0 && next == CAUGHT_UP_AT) {
                        return false;
                    }
                    if (next >= AHEAD) {
                        waiting.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return false;
                    }
                    TrackedEventMessage<?> event = new GenericTrackedEventMessage<>(
                            new GlobalSequenceTrackingToken(next), GenericEventMessage.asEventMessage("event " + next));
                    if (next == CAUGHT_UP_AT && mayBlock) {
                        early.set(new WeakReference<>(event));
                    }
                    next++;
                    if (mayBlock) {
                        written.accumulateAndGet(next, Math::max);
                    }
                    action.accept(event);
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
