package uk.iro.disputes.query.projection;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.iro.disputes.kernel.event.DisputeEvent;

/**
 * The fast path of a processor batch: every dispute row the batch's events name is read and locked in one query
 * when its first dispute event is handled, each event is folded in memory only, and just before the batch commits
 * (with its token, in its one transaction) each changed dispute is written once, every statement over all the
 * batch's rows in one round trip (see {@link BatchStatements}). A handful of round trips per batch instead of several
 * per event.
 *
 * <p>A fold that fails throws from the handler before anything is written, so the dead-letter queue parks the event
 * (and the rest of its dispute's stream) and the batch goes on. A write that fails at commit fails the whole batch,
 * which Axon rolls back and retries; {@link FlushFailures} then has the retry take the careful path, event by event
 * under savepoints, where the dead-letter queue isolates the bad event.
 */
final class DisputeBatch {
    private static final Logger log = LoggerFactory.getLogger(DisputeBatch.class);
    private static final String RESOURCE = DisputeBatch.class.getName();
    /** Marks a batch that takes the careful path. */
    private static final Object CAREFUL = new Object();

    private final DisputeReadModel readModel;
    private final Map<String, Pending> rows;
    private final long lastPosition;
    private final FlushFailures failures;

    private DisputeBatch(DisputeReadModel readModel, Map<String, Pending> rows, long lastPosition,
            FlushFailures failures) {
        this.readModel = readModel;
        this.rows = rows;
        this.lastPosition = lastPosition;
        this.failures = failures;
    }

    /**
     * The current processor batch's fast path, begun on the first call of the batch; empty outside a processor
     * batch (the sweep, a dead-letter retry) or when this batch is to take the careful path.
     */
    static Optional<DisputeBatch> current(DisputeReadModel readModel, FlushFailures failures) {
        if (!CurrentUnitOfWork.isStarted()) {
            return Optional.empty();
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        if (!(root instanceof BatchingUnitOfWork<?> batch)) {
            return Optional.empty();
        }
        Object begun = root.getOrComputeResource(RESOURCE, key -> begin(batch, readModel, failures));
        return begun instanceof DisputeBatch b ? Optional.of(b) : Optional.empty();
    }

    private static Object begin(BatchingUnitOfWork<?> batch, DisputeReadModel readModel, FlushFailures failures) {
        List<?> messages = batch.getMessages();
        long first = positions(messages).min().orElse(Long.MIN_VALUE);
        long last = positions(messages).max().orElse(Long.MAX_VALUE);
        if (failures.carefulFrom(first)) {
            log.info("projection batch from position {} to {} takes the careful path, event by event, after a failed"
                    + " write", first, last);
            return CAREFUL;
        }
        // The pooled processor gives a batch only the events of its own segment: these disputes are this
        // segment's, and no other batch running now locks them.
        List<String> ids = messages.stream()
                .filter(m -> m instanceof DomainEventMessage<?> d
                        && DisputeEvent.class.isAssignableFrom(d.getPayloadType()))
                .map(m -> ((DomainEventMessage<?>) m).getAggregateIdentifier())
                .distinct().sorted().toList();
        DisputeBatch fast = new DisputeBatch(readModel, readModel.lock(ids), last, failures);
        batch.onPrepareCommit(u -> fast.flush());
        return fast;
    }

    private static java.util.stream.LongStream positions(List<?> messages) {
        return messages.stream()
                .filter(m -> m instanceof TrackedEventMessage<?> t && t.trackingToken() != null)
                .map(m -> ((TrackedEventMessage<?>) m).trackingToken().position())
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong);
    }

    /** Folds the event into its dispute's row, in memory; a failure leaves the row as it was. */
    void fold(DisputeEvent event, long sequence, Instant timestamp, MetaData metaData) {
        String id = event.disputeId().value();
        // Every dispute of the batch was read up front; one that was not (never expected) is read now.
        Pending row = rows.computeIfAbsent(id, key -> readModel.lock(List.of(key)).get(key));
        readModel.fold(row, event, sequence, timestamp, metaData);
    }

    private void flush() {
        try {
            readModel.write(rows.values().stream().filter(r -> !r.changes.isEmpty()).toList());
        } catch (RuntimeException | Error e) {
            failures.failed(lastPosition);
            log.warn("projection batch up to position {} could not be written ({}); it is rolled back and will be"
                    + " retried event by event", lastPosition, e.toString());
            throw e;
        }
    }

    /**
     * Remembers where a batch's write failed, so that its retry (and anything else at or before that position, for
     * a while) takes the careful path. Without this a write that fails every time would fail the retried batch
     * again, for ever; on the careful path the bad event fails alone, under its savepoint, and is dead-lettered.
     *
     * <p>The rule is by position, not by segment: the retry of the failed batch starts at or before the failed
     * batch's first event, so it is careful until its segment has committed past the failed batch's last event;
     * another segment's batch that happens to lie in that range is careful too, which costs only speed. The
     * memory lasts ten minutes (Axon retries a failed segment within a minute), so that a later rebuild, whose
     * positions start again from the beginning, does not stay on the careful path for ever.
     */
    static final class FlushFailures {
        private static final long MEMORY_NANOS = java.time.Duration.ofMinutes(10).toNanos();
        private long carefulUpTo = Long.MIN_VALUE;
        private long rememberedAt;

        synchronized void failed(long lastPosition) {
            carefulUpTo = Math.max(carefulUpTo, lastPosition);
            rememberedAt = System.nanoTime();
        }

        synchronized boolean carefulFrom(long firstPosition) {
            if (carefulUpTo != Long.MIN_VALUE && System.nanoTime() - rememberedAt > MEMORY_NANOS) {
                carefulUpTo = Long.MIN_VALUE;
            }
            return carefulUpTo != Long.MIN_VALUE && firstPosition <= carefulUpTo;
        }
    }
}
