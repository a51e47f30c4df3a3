package uk.iro.disputes.command.audit;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * The last stored event the repository read for each aggregate while loading it in the current unit of work, so
 * {@link HashChainInterceptor} can chain a command's first event to it without reading it back. Kept as a resource
 * of the unit of work, and so never outlives the transaction it was read in: an event read in an earlier
 * transaction may have been rolled back since.
 */
public final class LoadedStreams {
    private static final String LAST_READ = LoadedStreams.class.getName() + ".lastRead";

    private LoadedStreams() {
    }

    /** Called for each stored event as the repository reads it; the last one read wins. */
    public static void read(DomainEventMessage<?> event) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root()
                    .<Map<String, DomainEventMessage<?>>>getOrComputeResource(LAST_READ, k -> new HashMap<>())
                    .put(event.getAggregateIdentifier(), event);
        }
    }

    /** The stored event {@code sequence} of the aggregate, if this unit of work read it last while loading. */
    static DomainEventMessage<?> lastRead(String aggregateId, long sequence) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        Map<String, DomainEventMessage<?>> lastRead = CurrentUnitOfWork.get().root().getResource(LAST_READ);
        DomainEventMessage<?> event = lastRead == null ? null : lastRead.get(aggregateId);
        return event != null && event.getSequenceNumber() == sequence ? event : null;
    }
}
