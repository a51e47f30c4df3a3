package uk.iro.disputes.command.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import uk.iro.disputes.kernel.rule.DisputeRuleViolation;

/**
 * Records many of the scheduler's deadlines in one transaction, each as its own command.
 *
 * <p>Firing deadlines one HTTP request each spent most of the service's time on what surrounds a command (the
 * request, the token check, the JSON, a commit per command) rather than on the command: issue 8 measured about 200
 * deadlines a second. Here each deadline is still the same command through {@link DisputeCommands}, so the
 * aggregate decides whether there is anything to record, but one commit covers the batch. The scheduler's commands
 * need no Idempotency-Key: recording a deadline twice appends nothing the second time (the aggregate checks it is
 * still due), so a batch sent again after a lost answer is harmless.
 *
 * <p>A batch runs first as plain commands in one transaction. Almost every batch is accepted whole: a deadline with
 * nothing left to record is an answer, not a refusal. If any deadline is refused (a rule, a missing dispute) or
 * fails (a race on its dispute, a database error), that attempt is rolled back whole, since the failure has marked
 * the shared transaction for rollback, and the batch runs again with each deadline under its own savepoint: the
 * refused or failed one is undone alone and answered with its own status, and the others commit. Savepoints cost
 * two round trips per deadline, so they are taken only when needed. The {@code iro.deadline.batches} counter says
 * which way each batch went ({@code path} one-pass or savepoints); a batch run again counts its commands twice in
 * {@code iro.commands}.
 *
 * <p>Either way the batch's streams are read in one query before its first deadline ({@link StreamBatch}). In one
 * pass the events are appended in one JDBC batch after its last deadline, so an append that breaks the unique key
 * (another command recorded on the dispute meanwhile) or fails in the database fails the whole pass, as any failure
 * does, and the batch runs again with savepoints, appending each deadline's events as it goes.
 */
@Service
public class DeadlineBatch {
    private static final Logger log = LoggerFactory.getLogger(DeadlineBatch.class);

    private final DisputeCommands commands;
    private final StreamBatch.Store store;
    private final TransactionTemplate batch;
    private final TransactionTemplate savepoint;
    private final Counter onePass;
    private final Counter withSavepoints;

    public DeadlineBatch(DisputeCommands commands, StreamBatch.Store store,
            PlatformTransactionManager transactionManager, MeterRegistry meters) {
        this.commands = commands;
        this.store = store;
        this.batch = new TransactionTemplate(transactionManager);
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.onePass = batches(meters, "one-pass");
        this.withSavepoints = batches(meters, "savepoints");
    }

    private static Counter batches(MeterRegistry meters, String path) {
        return Counter.builder("iro.deadline.batches")
                .description("Batches of deadlines recorded, by whether they needed a savepoint per deadline")
                .tag("path", path).register(meters);
    }

    /** One deadline's answer: the command's answer, or why it was refused or not recorded (then {@code answer} is null). */
    public record Outcome(String disputeId, DisputeCommands.Answer answer, RuntimeException refusal) {
    }

    /**
     * Runs each request in order, in one transaction; answers one outcome per request, in the same order. If the
     * batch's commit fails, it runs again with savepoints; if that commit fails too, nothing is recorded and the
     * exception reaches the caller (who sends the batch again).
     */
    public List<Outcome> execute(List<Supplier<DisputeCommands.Request>> items) {
        List<DisputeCommands.Request> requests = items.stream().map(Supplier::get).toList();
        List<String> streams = requests.stream().map(DisputeCommands.Request::disputeId).distinct().toList();
        List<Outcome> accepted;
        try {
            accepted = batch.execute(tx -> {
                try (StreamBatch read = StreamBatch.open(store, streams, true)) {
                    List<Outcome> outcomes = new ArrayList<>(requests.size());
                    for (DisputeCommands.Request request : requests) {
                        outcomes.add(new Outcome(request.disputeId(), commands.execute(request), null));
                    }
                    read.flush();
                    return outcomes;
                }
            });
        } catch (RuntimeException refusedOrFailed) {
            log.debug("a deadline of a batch of {} was refused or failed: the batch runs again with savepoints",
                    requests.size(), refusedOrFailed);
            List<Outcome> outcomes = batch.execute(tx -> {
                try (StreamBatch read = StreamBatch.open(store, streams, false)) {
                    List<Outcome> each = new ArrayList<>(requests.size());
                    for (DisputeCommands.Request request : requests) {
                        each.add(one(request));
                    }
                    return each;
                }
            });
            withSavepoints.increment();
            return outcomes;
        }
        onePass.increment();
        return accepted;
    }

    private Outcome one(DisputeCommands.Request request) {
        try {
            return new Outcome(request.disputeId(), savepoint.execute(tx -> commands.execute(request)), null);
        } catch (DisputeRuleViolation | CommandRejected e) {
            return new Outcome(request.disputeId(), null, e);
        } catch (RuntimeException e) {
            // Rolled back to its savepoint: the others go on, and the scheduler sends this one again.
            log.warn("deadline command {} for dispute {} failed", request.name(), request.disputeId(), e);
            return new Outcome(request.disputeId(), null, e);
        }
    }
}
