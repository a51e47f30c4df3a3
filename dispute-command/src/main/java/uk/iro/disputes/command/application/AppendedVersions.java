package uk.iro.disputes.command.application;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * The version each stream reaches through the events one request appends, so the request's answer needs no
 * {@code max(sequencenumber)} query after the command. Axon's command bus runs the handler on the request's thread
 * (its unit of work joins the request's transaction), so what the events passing through the event store show on
 * this thread, between {@link #open()} and {@link Scope#close()}, is exactly what this request appended. Nothing is
 * kept past the scope: a failed command throws, and its answer is never built from it.
 */
@Component
public class AppendedVersions implements MessageDispatchInterceptor<EventMessage<?>>, InitializingBean {
    private static final ThreadLocal<Map<String, Long>> CURRENT = new ThreadLocal<>();

    private final EventStore eventStore;

    public AppendedVersions(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public void afterPropertiesSet() {
        eventStore.registerDispatchInterceptor(this);
    }

    /** Starts recording for the request on this thread. */
    Scope open() {
        Map<String, Long> previous = CURRENT.get();
        Map<String, Long> versions = new HashMap<>();
        CURRENT.set(versions);
        return new Scope(versions, previous);
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        Map<String, Long> versions = CURRENT.get();
        if (versions != null) {
            for (EventMessage<?> message : messages) {
                if (message instanceof DomainEventMessage<?> event) {
                    versions.merge(event.getAggregateIdentifier(), event.getSequenceNumber(), Math::max);
                }
            }
        }
        return (index, message) -> message;
    }

    /** What one request appended; closing it stops the recording. */
    final class Scope implements AutoCloseable {
        private final Map<String, Long> versions;
        private final Map<String, Long> previous;

        private Scope(Map<String, Long> versions, Map<String, Long> previous) {
            this.versions = versions;
            this.previous = previous;
        }

        /** The sequence number of the last event appended to the stream, if any was. */
        OptionalLong lastAppended(String aggregateId) {
            Long version = versions.get(aggregateId);
            return version == null ? OptionalLong.empty() : OptionalLong.of(version);
        }

        @Override
        public void close() {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
