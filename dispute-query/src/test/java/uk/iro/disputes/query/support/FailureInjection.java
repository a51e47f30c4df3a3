package uk.iro.disputes.query.support;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.messaging.MetaData;
import uk.iro.disputes.kernel.event.DisputeEvent;
import uk.iro.disputes.kernel.state.DisputeState;
import uk.iro.disputes.query.projection.ReadModelListener;

/**
 * Makes the projection fail for the disputes a test names, after the dispute row has been written (so a failure
 * that left half an event behind would show).
 */
public final class FailureInjection implements ReadModelListener {
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    public void failFor(String disputeId) {
        failing.add(disputeId);
    }

    public void heal(String disputeId) {
        failing.remove(disputeId);
    }

    @Override
    public void applied(DisputeState before, DisputeState after, DisputeEvent event, long sequence, Instant timestamp,
            MetaData metaData) {
        if (failing.contains(event.disputeId().value())) {
            throw new IllegalStateException("injected failure for dispute " + event.disputeId());
        }
    }

    @Override
    public void cleared() {
    }
}
