package uk.iro.disputes.query.projection;

import java.time.Instant;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import uk.iro.disputes.kernel.event.DisputeEvent;

/**
 * Projects every dispute event into the read model. Runs in a pooled streaming processor whose batches (the
 * read-model writes and the token) commit in one transaction; events of one dispute are handled in order by one
 * segment. Handling is idempotent: an event at or below the row's version is skipped, so a batch replayed after a
 * crash or a stolen claim changes nothing. An event that cannot be handled is dead-lettered with the rest of its
 * dispute's stream (see {@link ProjectionConfiguration}).
 */
@Component
@ProcessingGroup(DisputeProjection.PROCESSOR)
public class DisputeProjection {
    public static final String PROCESSOR = "dispute-projection";

    private final DisputeReadModel readModel;
    private final DeferredIndexes indexes;
    private final TransactionTemplate savepoint;
    private final DisputeBatch.FlushFailures flushFailures = new DisputeBatch.FlushFailures();

    public DisputeProjection(DisputeReadModel readModel, DeferredIndexes indexes,
            PlatformTransactionManager transactionManager) {
        this.readModel = readModel;
        this.indexes = indexes;
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * In a processor batch, the event is folded in memory and its dispute written once with the rest of the batch
     * (see {@link DisputeBatch}). Otherwise (the sweep for skipped events, a dead-letter retry, the retry of a
     * batch whose write failed) each event is written at once under a savepoint of the transaction: if handling
     * fails half-way the event's writes are undone before the failure reaches the dead-letter queue, which then
     * parks the event while the batch goes on; what the batch remembered of the dispute's row is forgotten with them.
     */
    @EventHandler
    void on(DisputeEvent event, @SequenceNumber Long sequence, @Timestamp Instant timestamp, MetaData metaData) {
        Optional<DisputeBatch> batch = DisputeBatch.current(readModel, flushFailures);
        if (batch.isPresent()) {
            batch.get().fold(event, sequence, timestamp, metaData);
            return;
        }
        try {
            savepoint.executeWithoutResult(tx -> readModel.apply(event, sequence, timestamp, metaData));
        } catch (RuntimeException | Error e) {
            BatchRows.forget(event.disputeId().value());
            throw e;
        }
    }

    /**
     * A rebuild starts from empty read models without their secondary indexes, which are built once the replay is
     * over; runs in the transaction that resets the tokens.
     */
    @ResetHandler
    void reset() {
        readModel.clear();
        indexes.defer(readModel.tables());
    }
}
