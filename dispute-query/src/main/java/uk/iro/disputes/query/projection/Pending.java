package uk.iro.disputes.query.projection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import uk.iro.disputes.kernel.state.DisputeState;

/**
 * One dispute's row as the projection holds it between reading it and writing it: what the database had (version,
 * fold, the actors known to be among its participants) and the events folded in since, in memory. Folding never
 * writes; {@link DisputeReadModel#write} turns what changed into statements, all at once.
 */
final class Pending {
    final String disputeId;
    /** The stream's sequence number the fold has reached (-1: no row, nothing folded). */
    long version;
    private String storedJson;
    private DisputeState state;
    /** Actors known to be in {@code dispute_participant} when the row was read (a careful batch remembers them). */
    final Set<BatchRows.Participant> knownActors;
    /** Those, and the actor of every event folded since. */
    final Set<BatchRows.Participant> actors;
    /** Everyone the folds since reading named, and the actors of the events: added unless known to be there. */
    final Set<BatchRows.Participant> participants = new LinkedHashSet<>();
    /** The fold the child rows hold; set by the first change. */
    DisputeState childBase;
    /** The stream was folded again from the store: the child rows are written afresh. */
    boolean rewriteChildren;
    /** Set by the first change: the time the row gets if the write inserts it. */
    Instant raisedAt;
    /** The policy's declared total, if an event folded since named it (the row keeps the last one named). */
    LocalDate declaredTotal;
    final List<ReadModelListener.Change> changes = new ArrayList<>();

    private Pending(String disputeId, long version, String storedJson, DisputeState state,
            Set<BatchRows.Participant> knownActors) {
        this.disputeId = disputeId;
        this.version = version;
        this.storedJson = storedJson;
        this.state = state;
        this.knownActors = new HashSet<>(knownActors);
        this.actors = new HashSet<>(knownActors);
    }

    /** No row yet. */
    static Pending absent(String disputeId) {
        return new Pending(disputeId, -1, null, DisputeState.initial(), Set.of());
    }

    /** A row as stored; its fold (JSON) is read only if an event follows it. */
    static Pending stored(String disputeId, long version, String stateJson) {
        return new Pending(disputeId, version, stateJson, null, Set.of());
    }

    /** A row a careful batch wrote earlier. */
    static Pending written(String disputeId, BatchRows.Written written) {
        return new Pending(disputeId, written.version(), null, written.state(), written.actors());
    }

    DisputeState state() {
        if (state == null) {
            state = StateJson.read(storedJson);
            storedJson = null;
        }
        return state;
    }

    void folded(DisputeState after, long sequence) {
        state = after;
        storedJson = null;
        version = sequence;
    }
}
