package uk.iro.disputes.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.dispute.PlannedAction;
import uk.iro.disputes.kernel.dispute.ResolutionOutcome;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.query.support.Ladder;
import uk.iro.disputes.query.support.QueryServiceTest;

/**
 * How many database round trips the projection spends per event: the PostgreSQL driver ends every round trip with
 * a Sync message, which it logs at FINEST; this counts those on the projection's worker threads while disputes are
 * walked through a typical ladder. Per-event statements (dead-letter lookups, the row's SELECT, one insert per
 * participant, ...) show here at once; the bounds leave room for the per-batch token update and claim extensions.
 */
class ProjectionRoundTripsTest extends QueryServiceTest {
    static final StaffReference TM = StaffReference.of("tm-rt", Role.TEAM_MANAGER);
    static final StaffReference OPS = StaffReference.of("ops-rt", Role.SENIOR_MANAGER);

    /** Each step is one command: its events are appended together, as the aggregate records them. */
    private final List<UnaryOperator<Ladder>> walk = List.of(
            d -> d.raise(Track.FORMAL),
            d -> d.acknowledge(TM),
            d -> d.respond(TM, "Looked at it.", new PlannedAction("Book the review", TM, LocalDate.now().plusDays(9))),
            d -> d.escalate(null),
            d -> d.overdue(),
            d -> d.extend(LocalDate.now().plusDays(30)),
            d -> d.respond(OPS, "Agreed."),
            d -> d.resolve(ResolutionOutcome.RESOLVED));

    /**
     * A backlog (a rebuild, or catching up after a pause): the processor is stopped while 20 disputes walk the
     * ladder, then projects the 220 events in full batches. Measured 9.97 round trips per event before the
     * dead-letter cache, the batch's row memory and the folded statements, 5.9 to 6.0 after (7.0 with the
     * dead-letter cache alone switched off), 0.22 once each batch read its rows in one query and wrote each dispute
     * once with JDBC batch statements (a dozen round trips per batch, whatever its size), 0.12 once all of a batch's
     * writes went in one round trip.
     */
    @Test
    void eventsOfABacklogCostAFewRoundTripsEach() {
        quiet();
        StreamingEventProcessor processor = projection.processor().orElseThrow();
        List<Ladder> disputes = new ArrayList<>();
        Measured m;
        try (RoundTrips trips = RoundTrips.count()) {
            processor.shutDown();
            try {
                for (int i = 0; i < 20; i++) {
                    disputes.add(ladder("birmingham"));
                }
                for (UnaryOperator<Ladder> step : walk) {
                    disputes.forEach(step::apply);
                }
            } finally {
                processor.start();
            }
            disputes.forEach(this::awaitProjected);
            m = trips.measured(events(disputes));
        }
        System.out.println("projection round trips, backlog: " + m);
        assertThat(m.projectionRoundTrips()).as("round trips seen on the projection's threads").isPositive();
        assertThat(m.perEvent()).as(m.toString()).isLessThanOrEqualTo(0.2);
    }

    /**
     * Live traffic: each command's events projected in a batch of their own, so the batch's token update and
     * commit count too. Measured 11.7 round trips per event before, 8.6 after (9.5 with the dead-letter cache
     * alone switched off), 6.5 with the batch's writes sent as JDBC batches (one command's events are one batch),
     * 3.8 with all of them in one round trip (about five a batch: the rows' lock, the writes, the token, the commit).
     */
    @Test
    void eventsProjectedOneCommandAtATimeCostAFewRoundTripsEach() {
        quiet();
        Ladder d = ladder("birmingham");
        Measured m;
        try (RoundTrips trips = RoundTrips.count()) {
            for (UnaryOperator<Ladder> step : walk) {
                step.apply(d);
                awaitProjected(d);
            }
            m = trips.measured(events(List.of(d)));
        }
        System.out.println("projection round trips, one command per batch: " + m);
        assertThat(m.projectionRoundTrips()).as("round trips seen on the projection's threads").isPositive();
        assertThat(m.perEvent()).as(m.toString()).isLessThanOrEqualTo(5.0);
    }

    /** Nothing else left for the projection to do (and never an empty store, whose position is unknown). */
    private void quiet() {
        awaitProjected(ladder("birmingham").raise(Track.INFORMAL));
        awaitCaughtUp();
    }

    private static long events(List<Ladder> disputes) {
        return disputes.stream().mapToLong(l -> l.version() + 1).sum();
    }

    record Measured(long events, long projectionRoundTrips, Map<String, Long> byThread) {
        double perEvent() {
            return (double) projectionRoundTrips / events;
        }
    }

    /** Counts the driver's Sync messages per thread while open. */
    static final class RoundTrips extends Handler implements AutoCloseable {
        // Held strongly: java.util.logging keeps loggers only weakly.
        private static final Logger DRIVER = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");
        private final Map<String, LongAdder> byThread = new ConcurrentHashMap<>();
        private final Level previousLevel;
        private final boolean previousUseParent;

        private RoundTrips() {
            previousLevel = DRIVER.getLevel();
            previousUseParent = DRIVER.getUseParentHandlers();
            setLevel(Level.ALL);
            DRIVER.addHandler(this);
            DRIVER.setUseParentHandlers(false);
            DRIVER.setLevel(Level.FINEST);
        }

        static RoundTrips count() {
            return new RoundTrips();
        }

        @Override
        public void publish(LogRecord record) {
            if (" FE=> Sync".equals(record.getMessage())) {
                byThread.computeIfAbsent(Thread.currentThread().getName(), t -> new LongAdder()).increment();
            }
        }

        long onThisThread() {
            LongAdder n = byThread.get(Thread.currentThread().getName());
            return n == null ? 0 : n.sum();
        }

        /** The projection's event handling runs on the pooled processor's work-package threads. */
        Measured measured(long events) {
            Map<String, Long> counts = new TreeMap<>();
            byThread.forEach((thread, n) -> counts.put(thread, n.sum()));
            long projection = counts.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("WorkPackage[" + DisputeProjection.PROCESSOR + "]"))
                    .mapToLong(Map.Entry::getValue).sum();
            return new Measured(events, projection, counts);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            DRIVER.setLevel(previousLevel);
            DRIVER.setUseParentHandlers(previousUseParent);
            DRIVER.removeHandler(this);
        }
    }
}
