package uk.iro.disputes.query.asof;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;
import uk.iro.disputes.kernel.event.DisputeEvent;
import uk.iro.disputes.kernel.state.DisputeState;
import uk.iro.disputes.query.api.QueryProblem;

/**
 * One dispute exactly as it stood at an instant: the events stored for it up to and including that instant,
 * folded with the shared {@link DisputeState} fold. Read from the store, not the read model, so the answer does
 * not depend on the projection.
 */
@Component
public class DisputeAsOf {
    private final EventStore events;

    public DisputeAsOf(EventStore events) {
        this.events = events;
    }

    /** Empty when the dispute had not been raised by then (or does not exist). */
    public Optional<DisputeState> at(String disputeId, Instant asOf) {
        List<DisputeEvent> upTo;
        try {
            upTo = events.readEvents(disputeId).asStream()
                    .takeWhile(m -> !m.getTimestamp().isAfter(asOf))
                    .map(DomainEventMessage::getPayload)
                    .map(DisputeEvent.class::cast)
                    .toList();
        } catch (RuntimeException e) {
            throw new QueryProblem(409, "unreadable-event", "A stored event cannot be read",
                    "An event of dispute " + disputeId + " can no longer be read from the store; ask for its"
                            + " verification.");
        }
        return upTo.isEmpty() ? Optional.empty() : Optional.of(DisputeState.of(upTo));
    }
}
