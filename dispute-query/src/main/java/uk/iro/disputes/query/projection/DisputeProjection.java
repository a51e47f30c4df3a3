package uk.iro.disputes.query.projection;

import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;
import uk.iro.disputes.kernel.event.DisputeEvent;

/**
 * Projects every dispute event into the read model. Runs in a pooled streaming processor whose batches (the
 * read-model writes and the token) commit in one transaction; events of one dispute are handled in order by one
 * segment. Handling is idempotent: an event at or below the row's version is skipped, so a batch replayed after a
 * crash or a stolen claim changes nothing.
 */
@Component
@ProcessingGroup(DisputeProjection.PROCESSOR)
public class DisputeProjection {
    public static final String PROCESSOR = "dispute-projection";

    private final DisputeReadModel readModel;

    public DisputeProjection(DisputeReadModel readModel) {
        this.readModel = readModel;
    }

    @EventHandler
    void on(DisputeEvent event, @SequenceNumber Long sequence, @Timestamp Instant timestamp, MetaData metaData) {
        readModel.apply(event, sequence, timestamp, metaData);
    }

    /** A rebuild starts from empty read models; runs in the transaction that resets the tokens. */
    @ResetHandler
    void reset() {
        readModel.clear();
    }
}
