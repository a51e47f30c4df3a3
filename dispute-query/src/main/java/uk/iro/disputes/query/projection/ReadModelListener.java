package uk.iro.disputes.query.projection;

import java.time.Instant;
import java.util.List;
import org.axonframework.messaging.MetaData;
import uk.iro.disputes.kernel.event.DisputeEvent;
import uk.iro.disputes.kernel.state.DisputeState;

/**
 * A further read model kept in step with the dispute row, written in the same transaction: told, once per dispute
 * and write of the projection, the events that changed the row since it was last written (never an event already
 * projected), and when the read models are cleared for a rebuild.
 */
public interface ReadModelListener {

    /** One event folded into its dispute: the fold before and after it. */
    record Change(DisputeState before, DisputeState after, DisputeEvent event, long sequence, Instant timestamp,
            MetaData metaData) {
    }

    /**
     * Adds to {@code statements} what this read model needs for one dispute's changes, in stream order: all the
     * events of the dispute a processor batch projected (the dispute row then holds the last one's fold), or a
     * single event when projected one at a time. Nothing is written yet; a failure here fails the whole write.
     */
    void applied(List<Change> changes, BatchStatements statements);

    void cleared();

    /**
     * The tables this read model keeps (in the read models' schema): a rebuild drops their secondary indexes and
     * builds them again once the replay is over (see {@link DeferredIndexes}). None by default.
     */
    default List<String> tables() {
        return List.of();
    }
}
