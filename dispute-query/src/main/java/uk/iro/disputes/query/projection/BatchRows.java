package uk.iro.disputes.query.projection;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import uk.iro.disputes.kernel.state.DisputeState;

/**
 * On the careful path (a batch retried event by event after its write failed, see {@link DisputeBatch}): the
 * dispute rows the projection wrote earlier in the processor's current batch, so that the next event of the
 * same dispute in that batch need not read back the row it has just written (in the same transaction, under the
 * row lock its first event took). Kept as a resource of the batch's root unit of work, so it ends with the batch
 * (committed or rolled back). Outside a unit of work (the sweep for skipped events) nothing is remembered.
 *
 * <p>An entry is taken out before an event is applied and put back only once the event's writes have succeeded;
 * an event rolled back to its savepoint (and dead-lettered) leaves no entry, and the dispute's next event reads
 * the row from the database again.
 */
final class BatchRows {
    private static final String RESOURCE = BatchRows.class.getName();

    /**
     * A row as written: its version, the fold it holds, and the participants (staff id and role) known to be in
     * {@code dispute_participant} beyond those the fold names.
     */
    record Written(long version, DisputeState state, Set<Participant> actors) {
    }

    record Participant(String staffId, String role) {
    }

    private BatchRows() {
    }

    /** Removes and returns what the current batch wrote for the dispute, if anything. */
    static Optional<Written> take(String disputeId) {
        return rows().map(rows -> rows.remove(disputeId));
    }

    /** Remembers what was written for the dispute, for its next event in the current batch. */
    static void remember(String disputeId, Written written) {
        rows().ifPresent(rows -> rows.put(disputeId, written));
    }

    /** Forgets the dispute (its event failed and was rolled back to its savepoint). */
    static void forget(String disputeId) {
        rows().ifPresent(rows -> rows.remove(disputeId));
    }

    private static Optional<Map<String, Written>> rows() {
        return CurrentUnitOfWork.map(uow -> uow.root().getOrComputeResource(RESOURCE, key -> new HashMap<>()));
    }
}
