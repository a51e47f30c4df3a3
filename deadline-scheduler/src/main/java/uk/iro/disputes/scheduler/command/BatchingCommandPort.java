package uk.iro.disputes.scheduler.command;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers the deadlines that db-scheduler's threads fire at the same moment into batches, so that many go to
 * dispute-command in one request (see {@link HttpCommandPort#sendBatch}). Each caller still waits for its own
 * deadline's outcome, so db-scheduler's retry and completion work exactly as with one request per deadline.
 *
 * <p>A sender takes the first waiting deadline, then whatever else is waiting, up to {@code maxBatch}, giving late
 * arrivals {@code linger} to join. A deadline firing alone goes out after at most {@code linger}.
 *
 * <p>A batch holds at most one deadline per dispute; another of the same dispute waits, at the head of the queue, for
 * a later batch. dispute-command runs a batch in one transaction and locks each dispute in memory only while it
 * handles that deadline. A batch coming back to a dispute it has already written could wait for that lock behind a
 * command of another batch, which is itself waiting in PostgreSQL for the first batch's uncommitted event: a
 * deadlock PostgreSQL cannot see, broken only by Axon's timeout a minute later. A dispute's stage deadline and its
 * total timescale falling due together (the end-to-end test moves the clock past both) made it happen.
 */
public class BatchingCommandPort implements CommandPort, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BatchingCommandPort.class);

    /** Sends one batch; answers one outcome per command, in order. */
    public interface BatchSender {
        List<Outcome> sendBatch(List<DeadlineCommand> batch);
    }

    /** One deadline's command, as the batch endpoint takes it. */
    public record DeadlineCommand(Kind kind, String disputeId, String stage, LocalDate dueDate) {
    }

    /** The kinds, named as dispute-command's batch endpoint names them. */
    public enum Kind {
        STAGE_OVERDUE, STATUTORY_TIMESCALE_BREACHED, STAGE_DUE_SOON, MONITORING_OVERDUE
    }

    private record Waiting(DeadlineCommand command, CompletableFuture<Outcome> outcome) {
    }

    private final BatchSender sender;
    private final int maxBatch;
    private final Duration linger;
    private final Duration patience;
    private final BlockingDeque<Waiting> queue = new LinkedBlockingDeque<>();
    private final ExecutorService senders;
    private volatile boolean running = true;

    /**
     * @param senders how many batches may be in flight at once
     * @param patience how long a caller waits for its outcome before answering RETRY (the batch may still be
     *     recorded; sending a deadline again records nothing twice)
     */
    public BatchingCommandPort(BatchSender sender, int maxBatch, Duration linger, int senders, Duration patience) {
        if (maxBatch < 1 || senders < 1) {
            throw new IllegalArgumentException("maxBatch and senders must be at least 1");
        }
        this.sender = sender;
        this.maxBatch = maxBatch;
        this.linger = linger;
        this.patience = patience;
        this.senders = Executors.newFixedThreadPool(senders, r -> {
            Thread thread = new Thread(r, "deadline-batch-sender");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < senders; i++) {
            this.senders.execute(this::sendLoop);
        }
    }

    @Override
    public Outcome recordStageOverdue(String disputeId, String stage, LocalDate dueDate) {
        return await(new DeadlineCommand(Kind.STAGE_OVERDUE, disputeId, stage, dueDate));
    }

    @Override
    public Outcome recordStatutoryTimescaleBreached(String disputeId) {
        return await(new DeadlineCommand(Kind.STATUTORY_TIMESCALE_BREACHED, disputeId, null, null));
    }

    @Override
    public Outcome recordStageDueSoon(String disputeId, String stage, LocalDate dueDate) {
        return await(new DeadlineCommand(Kind.STAGE_DUE_SOON, disputeId, stage, dueDate));
    }

    @Override
    public Outcome recordMonitoringOverdue(String disputeId, LocalDate monitoringDueOn) {
        return await(new DeadlineCommand(Kind.MONITORING_OVERDUE, disputeId, null, monitoringDueOn));
    }

    private Outcome await(DeadlineCommand command) {
        if (!running) {
            return Outcome.RETRY;
        }
        Waiting waiting = new Waiting(command, new CompletableFuture<>());
        queue.add(waiting);
        try {
            return waiting.outcome().get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.warn("no answer for {} {}: will retry ({})", command.kind(), command.disputeId(), e.toString());
            return Outcome.RETRY;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.RETRY;
        }
    }

    private void sendLoop() {
        while (running) {
            List<Waiting> batch = new ArrayList<>(maxBatch);
            List<Waiting> later = new ArrayList<>();
            try {
                Waiting first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                Set<String> disputes = new HashSet<>();
                add(first, batch, later, disputes);
                long until = System.nanoTime() + linger.toNanos();
                List<Waiting> drained = new ArrayList<>();
                while (batch.size() < maxBatch) {
                    drained.clear();
                    queue.drainTo(drained, maxBatch - batch.size());
                    drained.forEach(w -> add(w, batch, later, disputes));
                    long left = until - System.nanoTime();
                    if (batch.size() >= maxBatch || left <= 0) {
                        break;
                    }
                    Waiting next = queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next != null) {
                        add(next, batch, later, disputes);
                    }
                }
                // Back to the head, in their order, for the next batch.
                for (int i = later.size() - 1; i >= 0; i--) {
                    queue.addFirst(later.get(i));
                }
                later.clear();
                List<Outcome> outcomes = sender.sendBatch(batch.stream().map(Waiting::command).toList());
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).outcome().complete(i < outcomes.size() ? outcomes.get(i) : Outcome.RETRY);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                batch.forEach(w -> w.outcome().complete(Outcome.RETRY));
                later.forEach(w -> w.outcome().complete(Outcome.RETRY));
                return;
            } catch (RuntimeException e) {
                log.warn("a batch of {} deadlines could not be sent: will retry", batch.size(), e);
                batch.forEach(w -> w.outcome().complete(Outcome.RETRY));
                later.forEach(w -> w.outcome().complete(Outcome.RETRY));
            }
        }
    }

    /** Into the batch, or set aside for a later one when the batch already holds a deadline of its dispute. */
    private static void add(Waiting waiting, List<Waiting> batch, List<Waiting> later, Set<String> disputes) {
        if (disputes.add(waiting.command().disputeId())) {
            batch.add(waiting);
        } else {
            later.add(waiting);
        }
    }

    @Override
    public void close() {
        running = false;
        senders.shutdownNow();
        Waiting left;
        while ((left = queue.poll()) != null) {
            left.outcome().complete(Outcome.RETRY);
        }
    }
}
