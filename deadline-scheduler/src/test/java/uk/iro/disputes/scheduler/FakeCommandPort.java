package uk.iro.disputes.scheduler;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import uk.iro.disputes.scheduler.command.CommandPort;

/** Our own port, faked: records every command the scheduler sends and accepts it. */
final class FakeCommandPort implements CommandPort {
    record Call(String disputeId, String command, String stage, LocalDate dueDate) {
    }

    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger failuresToGo = new java.util.concurrent.atomic.AtomicInteger();

    /** The next {@code n} sends fail as if dispute-command were down (and are not recorded as calls). */
    void failNext(int n) {
        failuresToGo.set(n);
    }

    private volatile java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(0);
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger mostInFlight = new java.util.concurrent.atomic.AtomicInteger();

    /** Overdue sends wait, as if dispute-command were slow, until {@link #releaseSends()}. */
    void holdSends() {
        held = new java.util.concurrent.CountDownLatch(1);
    }

    void releaseSends() {
        held.countDown();
    }

    /** Overdue sends under way now, and the most ever under way at once. */
    int inFlight() {
        return inFlight.get();
    }

    int mostInFlight() {
        return mostInFlight.get();
    }

    @Override
    public Outcome recordStageOverdue(String disputeId, String stage, LocalDate dueDate) {
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            if (!held.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
                return Outcome.RETRY;
            }
            if (failuresToGo.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return Outcome.RETRY;
            }
            calls.add(new Call(disputeId, "stage-overdue", stage, dueDate));
            return Outcome.DONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.RETRY;
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public Outcome recordStatutoryTimescaleBreached(String disputeId) {
        calls.add(new Call(disputeId, "statutory-timescale-breached", null, null));
        return Outcome.DONE;
    }

    @Override
    public Outcome recordStageDueSoon(String disputeId, String stage, LocalDate dueDate) {
        calls.add(new Call(disputeId, "stage-due-soon", stage, dueDate));
        return Outcome.DONE;
    }

    @Override
    public Outcome recordMonitoringOverdue(String disputeId, LocalDate monitoringDueOn) {
        calls.add(new Call(disputeId, "monitoring-overdue", null, monitoringDueOn));
        return Outcome.DONE;
    }

    List<Call> callsFor(String disputeId) {
        return calls.stream().filter(c -> c.disputeId().equals(disputeId)).toList();
    }
}
