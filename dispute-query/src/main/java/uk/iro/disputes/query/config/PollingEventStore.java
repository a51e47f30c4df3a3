package uk.iro.disputes.query.config;

import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.AbstractEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.lifecycle.Lifecycle;
import org.axonframework.lifecycle.Phase;
import org.axonframework.monitoring.MessageMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event store the projection follows: each stream reads the event table through the storage engine itself, on
 * the processor's own thread, and looks again no sooner than {@code fetchDelay} after a read that found nothing.
 *
 * <p>Every event is written by another process (dispute-command), so a stream can only poll. Axon's embedded store
 * polls with one shared reader that fills an in-memory cache the streams walk; in dispute-query that cost more than
 * it saved (issue 8). There is one processor here, so the cache shares nothing, and while no event came the
 * processor's coordinator kept walking it: in a profile it took as many samples as all the request threads together,
 * and the objects it made were promoted and lengthened young pauses to 23-47 ms, the dispute as-of view's tail.
 * Under a bulk load the shared reader also held everything it had fetched past a lagging processor, which once
 * filled the heap. A stream here holds only the engine's current batch and the event the processor peeked at.
 *
 * <p>A pooled processor whose stream takes no "available" callback looks for new events only every 500 ms. These
 * streams take it, and a daemon thread calls it once the stream's fetch delay has passed, so the processor looks
 * again as soon as a look may find something.
 */
public class PollingEventStore extends AbstractEventStore implements Lifecycle {
    private static final Logger log = LoggerFactory.getLogger(PollingEventStore.class);

    private final long fetchDelayNanos;
    private final Set<OwnStream> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService prompter;

    public PollingEventStore(Builder builder, Duration fetchDelay) {
        super(builder);
        if (fetchDelay.isNegative() || fetchDelay.isZero()) {
            throw new IllegalStateException("the event fetch delay must be positive");
        }
        this.fetchDelayNanos = fetchDelay.toNanos();
        this.prompter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "event-stream-prompter");
            thread.setDaemon(true);
            return thread;
        });
        // A stream whose delay has passed is prompted within a quarter of the delay.
        long every = Math.max(TimeUnit.MILLISECONDS.toNanos(1), fetchDelayNanos / 4);
        prompter.scheduleWithFixedDelay(this::promptDueStreams, every, every, TimeUnit.NANOSECONDS);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        OwnStream stream = new OwnStream(trackingToken);
        streams.add(stream);
        return stream;
    }

    @Override
    public void registerLifecycleHandlers(LifecycleRegistry lifecycle) {
        lifecycle.onShutdown(Phase.EXTERNAL_CONNECTIONS, this::shutDown);
    }

    public void shutDown() {
        prompter.shutdownNow();
        streams.forEach(OwnStream::close);
    }

    /** How long a stream waits after a read that found nothing (for tests). */
    Duration fetchDelay() {
        return Duration.ofNanos(fetchDelayNanos);
    }

    /** How many open streams wait with a callback (for tests). */
    int promptedStreams() {
        return (int) streams.stream().filter(s -> s.callback != null).count();
    }

    private void promptDueStreams() {
        long now = System.nanoTime();
        for (OwnStream stream : streams) {
            Runnable callback = stream.callback;
            if (callback != null && now - stream.nextFetchNanos >= 0) {
                try {
                    callback.run();
                } catch (RuntimeException e) {
                    log.warn("an event stream's availability callback failed", e);
                }
            }
        }
    }

    /** Builds the store; the storage engine is the one setting it needs besides the fetch delay. */
    public static final class Builder extends AbstractEventStore.Builder {
        private Builder() {
        }

        @Override
        public Builder storageEngine(EventStorageEngine storageEngine) {
            super.storageEngine(storageEngine);
            return this;
        }

        @Override
        public Builder messageMonitor(MessageMonitor<? super EventMessage<?>> messageMonitor) {
            super.messageMonitor(messageMonitor);
            return this;
        }
    }

    /**
     * One processor's stream: the engine's lazily fetched events from the last one read, read again from there once
     * they run out. Called by the processor's coordinator, one call at a time.
     */
    private final class OwnStream implements TrackingEventStream {
        /** The token of the last event taken from the engine (peeked or delivered): where the next read starts. */
        private TrackingToken lastRead;
        private Iterator<? extends TrackedEventMessage<?>> source;
        private Stream<? extends TrackedEventMessage<?>> sourceStream;
        private TrackedEventMessage<?> peeked;
        /** When a read may next ask the engine; after one that found nothing, that is fetchDelay later. */
        private volatile long nextFetchNanos = System.nanoTime();
        private volatile Runnable callback;
        private volatile boolean closed;

        OwnStream(TrackingToken from) {
            this.lastRead = from;
        }

        @Override
        public synchronized Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(peekOrRead());
        }

        @Override
        public synchronized boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (peekOrRead() == null) {
                long now = System.nanoTime();
                if (deadline - now <= 0 || closed) {
                    return false;
                }
                long untilFetch = Math.max(nextFetchNanos - now, TimeUnit.MILLISECONDS.toNanos(1));
                TimeUnit.NANOSECONDS.sleep(Math.min(deadline - now, untilFetch));
            }
            return true;
        }

        @Override
        public synchronized boolean hasNextAvailable() {
            return peekOrRead() != null;
        }

        @Override
        public synchronized TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable((int) TimeUnit.NANOSECONDS.toMillis(fetchDelayNanos) + 1, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new IllegalStateException("the event stream is closed");
                }
            }
            TrackedEventMessage<?> next = peeked;
            peeked = null;
            return next;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            this.callback = callback;
            return true;
        }

        @Override
        public void close() {
            closed = true;
            callback = null;
            streams.remove(this);
            synchronized (this) {
                closeSource();
                peeked = null;
            }
        }

        /** The next event, reading on from the engine if none is peeked; null if there is none (yet). */
        private TrackedEventMessage<?> peekOrRead() {
            if (peeked != null || closed) {
                return peeked;
            }
            if (source == null) {
                if (System.nanoTime() - nextFetchNanos < 0) {
                    return null;
                }
                sourceStream = storageEngine().readEvents(lastRead, false);
                source = sourceStream.iterator();
            }
            try {
                if (source.hasNext()) {
                    peeked = source.next();
                    lastRead = peeked.trackingToken();
                    return peeked;
                }
            } catch (RuntimeException e) {
                // The database failed mid-read: the next read starts afresh after the last event taken.
                closeSource();
                throw e;
            }
            // The engine had nothing after lastRead: look again once the delay has passed.
            closeSource();
            nextFetchNanos = System.nanoTime() + fetchDelayNanos;
            return null;
        }

        private void closeSource() {
            if (sourceStream != null) {
                sourceStream.close();
            }
            sourceStream = null;
            source = null;
        }
    }
}
