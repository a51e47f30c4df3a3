package uk.iro.disputes.query.support;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.query.projection.BatchStatements;
import uk.iro.disputes.query.projection.ReadModelListener;

/**
 * Makes the projection fail for the disputes a test names, in the database after the dispute row has been written
 * (so a failure that left half an event behind would show). In a processor batch that is the batch's write, just before it
 * commits: the batch is rolled back and retried event by event, where the failing dispute's event fails alone.
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
    public void applied(List<Change> changes, BatchStatements statements) {
        DisputeId id = changes.get(0).event().disputeId();
        if (failing.contains(id.value())) {
            // Fails in the database, in the same round trip as the rows' own statements, after them.
            statements.add("SELECT CAST(reason AS integer) FROM jsonb_to_recordset(:rows) AS r(reason text)",
                    Map.of("reason", "injected failure for dispute " + id));
        }
    }

    @Override
    public void cleared() {
    }
}
