package uk.iro.disputes.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import uk.iro.disputes.kernel.dispute.ChildReference;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeId;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeRecorded;
import uk.iro.disputes.query.support.HeldTransaction;
import uk.iro.disputes.query.support.Ladder;
import uk.iro.disputes.query.support.QueryServiceTest;

/**
 * A writer that takes a global index and commits after a later writer (STACK-NOTES: gaps in the global index).
 * The projection must not skip the late event: it sees the later one first, then the late one once it commits.
 * Timestamps are real: Axon's JDBC engine forgets a gap at once when the events after it are stamped more than its
 * gap timeout (60 s) in the past, so a late commit of back-dated events would be skipped for good.
 */
class LateCommitTest extends QueryServiceTest {
    private static final StaffReference IRO = StaffReference.of("iro-9", Role.IRO);
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    SkippedEventSweep sweep;

    @Test
    void anEventCommittedAfterALaterOneIsStillProjected() throws Exception {
        awaitCaughtUp();
        AtomicReference<Ladder> late = new AtomicReference<>();
        HeldTransaction slowWriter = HeldTransaction.appendAndHold(transactions, () -> late.set(ladder("warwickshire").at(Instant.now())
                .raise(Track.INFORMAL)));

        Ladder early = ladder("warwickshire").at(Instant.now()).raise(Track.INFORMAL);
        awaitProjected(early);
        assertThat(projectedVersion(late.get())).isEqualTo(-1);

        Thread.sleep(2000);     // the projection keeps going past the gap meanwhile
        slowWriter.commit();

        // The late events hold lower global indexes than the early ones: a real gap, filled after it was passed.
        assertThat(globalIndexOf(late.get())).isLessThan(globalIndexOf(early));
        awaitProjected(late.get());
        assertThat(projectedVersion(late.get())).isEqualTo(late.get().version());
    }

    /**
     * The processor has stored a position past the late event's index, but its token still waits for that index
     * (a gap, within Axon's gap timeout). The event committed there is the processor's: the sweep leaves it alone,
     * rather than project it a second time and count it as skipped.
     */
    @Test
    void anEventCommittedIntoAGapTheProcessorStillWaitsForIsLeftToTheProcessor() throws Exception {
        awaitCaughtUp();
        AtomicReference<Ladder> late = new AtomicReference<>();
        HeldTransaction slowWriter = HeldTransaction.appendAndHold(transactions, () -> late.set(ladder("warwickshire").at(Instant.now())
                .raise(Track.INFORMAL)));
        processorGoesPastForGood();
        StreamingEventProcessor processor = projection.processor().orElseThrow();
        processor.shutDown();
        try {
            slowWriter.commit();
            long lateIndex = globalIndexOf(late.get());
            assertThat(projection.lowestPosition()).as("every segment's stored position").isGreaterThan(lateIndex);
            assertThat(projection.settledPosition()).as("settled below the gap").isLessThan(lateIndex);

            assertThat(sweep.sweepOnce()).doesNotContain(late.get().idValue());
            assertThat(projectedVersion(late.get())).isEqualTo(-1);
        } finally {
            processor.start();
        }
        awaitProjected(late.get());
        assertThat(projectedVersion(late.get())).isEqualTo(late.get().version());
    }

    @Test
    void backDatedEventsCommittedLateAreSkippedByAxonAndBroughtInByTheSweep() throws Exception {
        awaitCaughtUp();
        AtomicReference<Ladder> late = new AtomicReference<>();
        HeldTransaction slowWriter = HeldTransaction.appendAndHold(transactions, () -> late.set(ladder("warwickshire").on(LocalDate.of(2026, 3, 2))
                .raise(Track.INFORMAL)));
        Ladder early = ladder("warwickshire").on(LocalDate.of(2026, 3, 2)).raise(Track.INFORMAL);
        awaitProjected(early);
        slowWriter.commit();
        assertThat(globalIndexOf(late.get())).isLessThan(globalIndexOf(early));

        processorGoesPastForGood();
        assertThat(projectedVersion(late.get())).as("skipped by the processor").isEqualTo(-1);

        assertThat(sweep.sweepOnce()).contains(late.get().idValue());

        assertThat(projectedVersion(late.get())).isEqualTo(late.get().version());
        assertThat(sweep.sweepOnce()).doesNotContain(late.get().idValue());
    }

    @Test
    void aGoodPracticeAlertCommittedLateAndSkippedIsBroughtInByTheSweep() throws Exception {
        awaitCaughtUp();
        GoodPracticeId lateAlert = GoodPracticeId.newId();
        HeldTransaction slowWriter = HeldTransaction.appendAndHold(transactions, () -> store.appendGoodPractice(Instant.parse("2026-03-02T10:00:00Z"),
                IRO, List.of(new GoodPracticeRecorded(lateAlert, ChildReference.of("C-late"), "Team 9", null, null,
                        "Kept the child's plan in view.", IRO, LocalDate.of(2026, 3, 2)))));
        Ladder early = ladder("warwickshire").on(LocalDate.of(2026, 3, 2)).raise(Track.INFORMAL);
        awaitProjected(early);
        slowWriter.commit();
        assertThat(globalIndexOf(lateAlert.value())).isLessThan(globalIndexOf(early));

        processorGoesPastForGood();
        assertThat(alertVersion(lateAlert)).as("skipped by the processor").isEqualTo(-1);

        assertThat(sweep.sweepOnce()).contains(lateAlert.value());

        assertThat(alertVersion(lateAlert)).isZero();
        assertThat(sweep.sweepOnce()).doesNotContain(lateAlert.value());
    }

    /**
     * The processor has gone past the late events for good: one more dispute goes through, and every segment's
     * stored position passes it (the sweep looks only below the lowest).
     */
    private void processorGoesPastForGood() {
        Ladder after = ladder("warwickshire").at(Instant.now()).raise(Track.INFORMAL);
        awaitProjected(after);
        long afterIndex = globalIndexOf(after);
        awaitFor("every segment past " + afterIndex, 60, () -> projection.lowestPosition() >= afterIndex);
    }

    private long alertVersion(GoodPracticeId id) {
        return jdbc.sql("SELECT COALESCE(max(version), -1) FROM disputes_query.good_practice WHERE alert_id = :id")
                .param("id", id.value()).query(Long.class).single();
    }
}
