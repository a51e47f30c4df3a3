package uk.iro.disputes.command.application;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

/**
 * The streams a batch of commands works on, read in one query before its first command, and, when asked, the events
 * its commands append, written in one JDBC batch before the batch's transaction commits.
 *
 * <p>Issue 8: a deadline cost dispute-command three round trips of its own (the stream's version, the aggregate's
 * events, the insert), one query each per deadline; a batch of the scheduler's deadlines now costs two in all.
 *
 * <p>Open on the thread that runs the batch, inside its transaction. While it is open, the event store's engine reads
 * a stream it holds from here ({@link #stream}) and hands it every append ({@link #appended}). A stream read here is
 * the stream as the batch's transaction first saw it: an event committed by someone else since can only make the
 * command's append collide with it on the unique key, which is answered as a concurrent change, as when a command's
 * own read and its append are split by another's commit. A stream this batch appends to is forgotten, so the next
 * command on it reads it again (after writing what was deferred, so that it sees its own batch's events).
 *
 * <p>Deferred appends meet the unique key and the database's checks only at {@link #flush}: a batch that defers
 * must treat a failing flush as a failure of the whole batch (the deadline batch then runs again, with a savepoint
 * per deadline and no deferring).
 */
public final class StreamBatch implements AutoCloseable {
    private static final ThreadLocal<StreamBatch> CURRENT = new ThreadLocal<>();

    /** The event store, as a batch needs it. */
    public interface Store {
        /** Every stored event of each stream, in sequence order; an empty list for a stream with none. */
        Map<String, List<? extends DomainEventData<?>>> readStreams(Collection<String> aggregateIds);

        /** Appends now, in one JDBC batch, as the engine appends any command's events. */
        void appendNow(List<? extends EventMessage<?>> events);
    }

    private final Store store;
    private final Map<String, List<? extends DomainEventData<?>>> streams;
    private final boolean deferAppends;
    private final List<EventMessage<?>> deferred = new ArrayList<>();
    private final Set<String> deferredStreams = new HashSet<>();

    private StreamBatch(Store store, Map<String, List<? extends DomainEventData<?>>> streams, boolean deferAppends) {
        this.store = store;
        this.streams = streams;
        this.deferAppends = deferAppends;
    }

    /**
     * Reads the streams and opens the batch on this thread; close it on the same thread.
     *
     * @param deferAppends whether appends wait for {@link #flush} (one JDBC batch) or are written as they come
     */
    public static StreamBatch open(Store store, Collection<String> aggregateIds, boolean deferAppends) {
        if (CURRENT.get() != null) {
            throw new IllegalStateException("a stream batch is already open on this thread");
        }
        StreamBatch batch = new StreamBatch(store, new HashMap<>(store.readStreams(aggregateIds)),
                deferAppends);
        CURRENT.set(batch);
        return batch;
    }

    /** The batch open on this thread, or null. */
    public static StreamBatch current() {
        return CURRENT.get();
    }

    /**
     * The stream's stored events as the batch read them, or null when the batch did not read it or has appended to
     * it since (then read it from the store, as always).
     */
    public List<? extends DomainEventData<?>> stream(String aggregateId) {
        if (deferredStreams.contains(aggregateId)) {
            flush();
        }
        return streams.get(aggregateId);
    }

    /**
     * Told of every append on this thread while the batch is open: the streams appended to are forgotten.
     *
     * @return whether the events were deferred (the caller must then not write them)
     */
    public boolean appended(List<? extends EventMessage<?>> events) {
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domain) {
                streams.remove(domain.getAggregateIdentifier());
                if (deferAppends) {
                    deferredStreams.add(domain.getAggregateIdentifier());
                }
            }
        }
        if (deferAppends) {
            deferred.addAll(events);
        }
        return deferAppends;
    }

    /** Writes the deferred events in one JDBC batch; in the batch's transaction, before it commits. */
    public void flush() {
        if (deferred.isEmpty()) {
            return;
        }
        List<EventMessage<?>> events = List.copyOf(deferred);
        deferred.clear();
        deferredStreams.clear();
        store.appendNow(events);
    }

    /** Closes the batch on this thread. Events not flushed are dropped: their transaction is rolling back. */
    @Override
    public void close() {
        CURRENT.remove();
    }
}
