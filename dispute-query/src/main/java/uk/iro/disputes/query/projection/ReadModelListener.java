package uk.iro.disputes.query.projection;

import java.time.Instant;
import org.axonframework.messaging.MetaData;
import uk.iro.disputes.kernel.event.DisputeEvent;
import uk.iro.disputes.kernel.state.DisputeState;

/**
 * A further read model kept in step with the dispute row: called in the same transaction, once per event that
 * changed the row (never for an event already projected), and when the read models are cleared for a rebuild.
 */
public interface ReadModelListener {

    void applied(DisputeState before, DisputeState after, DisputeEvent event, long sequence, Instant timestamp,
            MetaData metaData);

    void cleared();
}
