package uk.iro.disputes.command.application;

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
 * Records many of the scheduler's deadlines in one transaction, each as its own command under a savepoint.
 *
 * <p>Firing deadlines one HTTP request each spent most of the service's time on what surrounds a command (the
 * request, the token check, the JSON, a commit per command) rather than on the command: issue 8 measured about 200
 * deadlines a second. Here each deadline is still the same command through {@link DisputeCommands}, so the
 * aggregate decides whether there is anything to record, but one commit covers the batch. A deadline the
 * aggregate refuses, or that loses a race on its dispute, is rolled back to its savepoint alone and answered with
 * its own status; the others commit. The scheduler's commands need no Idempotency-Key: recording a deadline twice
 * appends nothing the second time (the aggregate checks it is still due), so a batch sent again after a lost
 * answer is harmless.
 */
@Service
public class DeadlineBatch {
    private static final Logger log = LoggerFactory.getLogger(DeadlineBatch.class);

    private final DisputeCommands commands;
    private final TransactionTemplate batch;
    private final TransactionTemplate savepoint;

    public DeadlineBatch(DisputeCommands commands, PlatformTransactionManager transactionManager) {
        this.commands = commands;
        this.batch = new TransactionTemplate(transactionManager);
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** One deadline's answer: the command's answer, or why it was refused or not recorded (then {@code answer} is null). */
    public record Outcome(String disputeId, DisputeCommands.Answer answer, RuntimeException refusal) {
    }

    /**
     * Runs each request in order, in one transaction; answers one outcome per request, in the same order. If the
     * batch's commit fails, nothing is recorded and the exception reaches the caller (who sends the batch again).
     */
    public List<Outcome> execute(List<Supplier<DisputeCommands.Request>> requests) {
        return batch.execute(tx -> {
            List<Outcome> outcomes = new ArrayList<>(requests.size());
            for (Supplier<DisputeCommands.Request> request : requests) {
                outcomes.add(one(request.get()));
            }
            return outcomes;
        });
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
