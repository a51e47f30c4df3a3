package uk.iro.disputes.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.scheduler.SchedulerInstances.append;
import static uk.iro.disputes.scheduler.SchedulerInstances.await;
import static uk.iro.disputes.scheduler.SchedulerInstances.newDispute;
import static uk.iro.disputes.scheduler.SchedulerInstances.pending;
import static uk.iro.disputes.scheduler.SchedulerInstances.scheduled;
import static uk.iro.disputes.scheduler.SchedulerInstances.stageOpened;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import uk.iro.disputes.scheduler.schedule.CompletedDeadlines;
import uk.iro.disputes.scheduler.schedule.DeadlineSchedule;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import uk.iro.disputes.kernel.calendar.BusinessDate;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.ResolutionOutcome;
import uk.iro.disputes.kernel.event.DisputeEscalated;
import uk.iro.disputes.kernel.event.DisputeResolved;
import uk.iro.disputes.kernel.event.DisputeWithdrawn;
import uk.iro.disputes.kernel.event.FormalProcessStarted;
import uk.iro.disputes.kernel.event.StageOpened;
import uk.iro.disputes.kernel.event.StageResponseRecorded;
import uk.iro.disputes.kernel.event.StageTimescaleExtended;
import uk.iro.disputes.kernel.policy.StageKey;

/** The schedule against PostgreSQL: real event store rows in, commands to our (recording) port out. */
class DeadlineSchedulerTest {
    private static final Duration FIRE_WITHIN = Duration.ofSeconds(20);
    private static final StageKey STAGE = StageKey.of("stage-2");

    private final MutableClock clock = new MutableClock();
    private final FakeCommandPort port = new FakeCommandPort();
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    @AfterEach
    void stop() {
        contexts.forEach(ConfigurableApplicationContext::close);
    }

    private ConfigurableApplicationContext start() {
        ConfigurableApplicationContext context = SchedulerInstances.start(clock, port);
        contexts.add(context);
        return context;
    }

    private LocalDate today() {
        return BusinessDate.today(clock);
    }

    private static StageOpened opened(DisputeId id, LocalDate dueDate) {
        return stageOpened(id, STAGE, dueDate.minusDays(5), dueDate);
    }

    @Test
    void axonRunsInSpringTransactions() {
        ConfigurableApplicationContext context = start();
        TransactionManager tm = context.getBean(TransactionManager.class);
        assertThat(tm).isInstanceOf(SpringTransactionManager.class);
        // The embedded store's reader must not hold a whole bulk load (BoundedReaderStorageEngineTest).
        assertThat(context.getBean(org.axonframework.eventsourcing.eventstore.EventStorageEngine.class))
                .isInstanceOf(uk.iro.disputes.scheduler.config.BoundedReaderStorageEngine.class);
    }

    /** IRO_SCHEDULER_START_AT=head: a brand-new processor skips history instead of scheduling all of it. */
    @Test
    void aNewProcessorStartsAtTheHeadWhenConfigured() {
        SchedulerInstances.ensureEventStore();
        SchedulerInstances.DB.update("DELETE FROM disputes_scheduler.tokenentry WHERE processorname = ?",
                DeadlineSchedule.PROCESSOR);
        DisputeId old = newDispute();
        append(opened(old, today().plusDays(2)));
        long head = SchedulerInstances.DB.queryForObject(
                "SELECT max(globalindex) FROM disputes_command.domainevententry", Long.class);

        start();
        String token = SchedulerInstances.DB.queryForObject("SELECT convert_from(token, 'UTF8') FROM"
                + " disputes_scheduler.tokenentry WHERE processorname = ?", String.class, DeadlineSchedule.PROCESSOR);
        long index = Long.parseLong(token.replaceAll(".*\"index\":(\\d+).*", "$1"));
        assertThat(index).isGreaterThanOrEqualTo(head);
        assertThat(pending(old.value())).isZero();
    }

    @Test
    void aPassedDeadlineSendsExactlyOneCommandAndIsCounted() throws InterruptedException {
        ConfigurableApplicationContext context = start();
        DisputeId id = newDispute();
        LocalDate due = today().minusDays(1);
        append(opened(id, due));

        await("the overdue command", FIRE_WITHIN, () -> !port.callsFor(id.value()).isEmpty());
        await("the deadline leaving the schedule", FIRE_WITHIN, () -> pending(id.value()) == 0);
        Thread.sleep(1000); // several polling rounds: nothing fires twice
        assertThat(port.callsFor(id.value()))
                .containsExactly(new FakeCommandPort.Call(id.value(), "stage-overdue", STAGE.value(), due));
        MeterRegistry metrics = context.getBean(MeterRegistry.class);
        assertThat(metrics.get("iro.scheduler.deadlines.fired").tag("kind", "stage-overdue").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(metrics.get("iro.scheduler.firing.lag").tag("kind", "stage-overdue").timer().count())
                .isGreaterThanOrEqualTo(1);
    }

    /** A slow dispute-command must not make deadlines that fall due together queue behind one another. */
    @Test
    void deadlinesDueTogetherAreSentByEveryWorkerThreadAtOnceAndEachOnce() throws InterruptedException {
        int threads = 4;
        port.holdSends();
        ConfigurableApplicationContext context = SchedulerInstances.start(clock, port,
                "--iro.scheduler.due-soon-working-days=-1", "--iro.scheduler.threads=" + threads);
        contexts.add(context);
        LocalDate due = today().minusDays(1);
        List<DisputeId> ids = java.util.stream.IntStream.range(0, 3 * threads).mapToObj(i -> newDispute()).toList();
        append(ids.stream().map(id -> opened(id, due)).toArray(StageOpened[]::new));

        await("every worker thread sending", FIRE_WITHIN, () -> port.inFlight() == threads);
        Thread.sleep(1000); // several polling rounds with every thread busy: nothing more starts
        assertThat(port.mostInFlight()).isEqualTo(threads);
        port.releaseSends();

        await("every deadline sent", FIRE_WITHIN, () -> ids.stream().allMatch(id -> pending(id.value()) == 0
                && !port.callsFor(id.value()).isEmpty()));
        Thread.sleep(1000);
        for (DisputeId id : ids) {
            assertThat(port.callsFor(id.value())).as(id.value()).hasSize(1);
        }
        assertThat(port.mostInFlight()).isEqualTo(threads);
    }

    /**
     * Every stage opened cancels its dispute's other deadlines: that must be an index lookup by dispute, not a scan
     * of every pending deadline (100,000 due at once were scheduled at about 70 a second when it was a LIKE).
     */
    @Test
    void aDisputesDeadlinesAreFoundByIndexNotByScanningTheSchedule() {
        start();
        String taskName = "index-check-" + UUID.randomUUID();
        try {
            SchedulerInstances.DB.update("""
                    INSERT INTO disputes_scheduler.scheduled_tasks (task_name, task_instance, execution_time, picked,
                        version)
                    SELECT ?, 'dispute-' || i || '/stage-overdue/stage-' || (i % 4), now() + interval '3650 days', false, 1
                    FROM generate_series(1, 20000) AS i""", taskName);
            SchedulerInstances.DB.execute("ANALYZE disputes_scheduler.scheduled_tasks");
            assertThat(SchedulerInstances.DB.queryForObject("SELECT dispute_id FROM disputes_scheduler.scheduled_tasks"
                    + " WHERE task_name = ? AND task_instance = 'dispute-7/stage-overdue/stage-3'", String.class, taskName))
                    .isEqualTo("dispute-7");

            String plan = String.join("\n", SchedulerInstances.DB.queryForList("EXPLAIN DELETE FROM"
                    + " disputes_scheduler.scheduled_tasks WHERE task_name = '" + taskName + "' AND dispute_id ="
                    + " 'dispute-7' AND task_instance LIKE 'dispute-7/stage-overdue/%' AND picked = false", String.class));

            assertThat(plan).contains("scheduled_tasks_dispute_idx").doesNotContain("Seq Scan");
        } finally {
            SchedulerInstances.DB.update("DELETE FROM disputes_scheduler.scheduled_tasks WHERE task_name = ?", taskName);
        }
    }

    @Test
    void theMetricsArePublishedForPrometheus() throws Exception {
        ConfigurableApplicationContext context = start();
        String port = context.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("iro_scheduler_deadlines_pending{", "kind=\"stage-overdue\"",
                "kind=\"total-timescale\"");
    }

    @Test
    void aResponseBeforeTheDeadlineMeansNoCommand() {
        start();
        DisputeId answered = newDispute();
        DisputeId control = newDispute();
        LocalDate due = today().plusDays(2);
        append(opened(answered, due), opened(control, due));
        await("both deadlines scheduled", FIRE_WITHIN, () -> pending(answered.value()) == 1 && pending(control.value()) == 1);
        append(new StageResponseRecorded(answered, STAGE, null, "Done.", List.of(), today()));
        await("the answered deadline cancelled", FIRE_WITHIN, () -> pending(answered.value()) == 0);

        clock.advance(Duration.ofDays(4));
        await("the control deadline", FIRE_WITHIN, () -> !port.callsFor(control.value()).isEmpty());
        assertThat(port.callsFor(answered.value())).isEmpty();
    }

    @Test
    void anExtensionMovesTheDeadline() {
        start();
        DisputeId extended = newDispute();
        DisputeId control = newDispute();
        LocalDate due = today().plusDays(1);
        LocalDate newDue = today().plusDays(6);
        append(opened(extended, due), opened(control, due),
                new StageTimescaleExtended(extended, STAGE, due, newDue, "More time to assess.", null, today()));
        await("the extension applied", FIRE_WITHIN, () -> SchedulerInstances.DB.queryForObject(
                "SELECT count(*) FROM disputes_scheduler.scheduled_tasks WHERE task_instance LIKE ?"
                        + " AND execution_time > now() + interval '5 days'", Integer.class, extended.value() + "/%") == 1);

        clock.advance(Duration.ofDays(3));
        await("the control deadline", FIRE_WITHIN, () -> !port.callsFor(control.value()).isEmpty());
        assertThat(port.callsFor(extended.value())).isEmpty();

        clock.advance(Duration.ofDays(5));
        await("the extended deadline", FIRE_WITHIN, () -> !port.callsFor(extended.value()).isEmpty());
        assertThat(port.callsFor(extended.value()))
                .containsExactly(new FakeCommandPort.Call(extended.value(), "stage-overdue", STAGE.value(), newDue));
    }

    @Test
    void theTotalTimescaleIsTheStricterOfDeclaredAndStatutory() {
        start();
        DisputeId declaredStricter = newDispute();
        DisputeId statutoryStricter = newDispute();
        append(new FormalProcessStarted(declaredStricter, STAGE, today().minusDays(20), today().minusDays(1),
                        today().plusDays(3)),
                new FormalProcessStarted(statutoryStricter, STAGE, today().minusDays(20), today().plusDays(3),
                        today().plusDays(1)));

        await("the declared total's breach", FIRE_WITHIN, () -> !port.callsFor(declaredStricter.value()).isEmpty());
        assertThat(port.callsFor(declaredStricter.value())).containsExactly(
                new FakeCommandPort.Call(declaredStricter.value(), "statutory-timescale-breached", null, null));
        assertThat(port.callsFor(statutoryStricter.value())).isEmpty();

        clock.advance(Duration.ofDays(3)); // past the statutory date, not yet past the declared one
        await("the statutory breach", FIRE_WITHIN, () -> !port.callsFor(statutoryStricter.value()).isEmpty());
    }

    /** A stage the policy gives no timescale (a director at the top of a ladder) is never scheduled; the total is. */
    @Test
    void aStageWithoutATimescaleIsNeverScheduledButTheTotalStillIs() {
        start();
        DisputeId id = newDispute();
        append(new FormalProcessStarted(id, STAGE, today().minusDays(30), null, today().plusDays(1)),
                new StageOpened(id, STAGE, "Strategic Director", Role.SENIOR_MANAGER, null, true, today().minusDays(30),
                        null));
        await("the total timescale scheduled", FIRE_WITHIN,
                () -> scheduled(id.value()).equals(List.of(id.value() + "/total-timescale/total")));

        clock.advance(Duration.ofDays(3));
        await("the statutory breach", FIRE_WITHIN, () -> !port.callsFor(id.value()).isEmpty());
        assertThat(port.callsFor(id.value())).containsExactly(
                new FakeCommandPort.Call(id.value(), "statutory-timescale-breached", null, null));
    }

    @Test
    void aFailedSendIsRetriedUntilAcceptedAndCounted() {
        MeterRegistry metrics = start().getBean(MeterRegistry.class);
        port.failNext(2);
        DisputeId id = newDispute();
        append(opened(id, today().minusDays(1)));

        await("the command, after two failures", FIRE_WITHIN, () -> !port.callsFor(id.value()).isEmpty());
        assertThat(port.callsFor(id.value())).hasSize(1);
        assertThat(metrics.get("iro.scheduler.sends.failed").tag("kind", "stage-overdue").counter().count())
                .isEqualTo(2);
    }

    /**
     * A failed send is no completion: the row stays, rescheduled by the exponential backoff (500 ms here, times 1.5 per
     * failure before), and is not handed over for removal; once accepted, it goes.
     */
    @Test
    void aFailedSendStaysScheduledWithItsBackoffUntilAccepted() {
        ConfigurableApplicationContext context = start();
        CompletedDeadlines completed = context.getBean(CompletedDeadlines.class);
        port.failNext(1_000);
        DisputeId id = newDispute();
        append(opened(id, today().minusDays(1)));

        String row = id.value() + "/stage-overdue/" + STAGE.value();
        // Read while not picked (between two attempts), so that the columns are those of the last failure.
        String read = "SELECT consecutive_failures, last_success,"
                + " (extract(epoch FROM execution_time - last_failure) * 1000)::bigint AS backoff_ms"
                + " FROM disputes_scheduler.scheduled_tasks WHERE task_instance = ? AND NOT picked"
                + " AND consecutive_failures >= 2";
        java.util.concurrent.atomic.AtomicReference<Map<String, Object>> rescheduled =
                new java.util.concurrent.atomic.AtomicReference<>();
        await("two failed sends", FIRE_WITHIN, () -> SchedulerInstances.DB.queryForList(read, row).stream()
                .peek(rescheduled::set).findAny().isPresent());
        Map<String, Object> failed = rescheduled.get();
        int failures = ((Number) failed.get("consecutive_failures")).intValue();
        assertThat(((Number) failed.get("backoff_ms")).longValue())
                .isCloseTo(Math.round(500 * Math.pow(1.5, failures - 1)), org.assertj.core.data.Offset.offset(1L));
        assertThat(failed.get("last_success")).isNull();
        assertThat(port.callsFor(id.value())).isEmpty();
        assertThat(completed.waiting()).isZero();

        port.failNext(0);
        await("the command, accepted", FIRE_WITHIN, () -> !port.callsFor(id.value()).isEmpty());
        await("the deadline leaving the schedule", FIRE_WITHIN, () -> pending(id.value()) == 0);
        assertThat(port.callsFor(id.value())).hasSize(1);
    }

    /** A deadline whose send completes while the context closes is removed before the DataSource goes. */
    @Test
    void aDeadlineCompletingWhileTheSchedulerStopsIsRemovedBeforeTheContextCloses() throws InterruptedException {
        ConfigurableApplicationContext context = start();
        port.holdSends();
        DisputeId id = newDispute();
        append(opened(id, today().minusDays(1)));
        await("the send under way", FIRE_WITHIN, () -> port.inFlight() == 1);

        Thread release = new Thread(() -> {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            port.releaseSends();
        });
        release.start();
        context.close(); // db-scheduler waits for the send (up to 10 s), then the completed deadline is removed
        release.join();

        assertThat(port.callsFor(id.value())).hasSize(1);
        assertThat(pending(id.value())).isZero();
    }

    @Test
    void resolutionCancelsEveryDeadlineOfTheDispute() {
        MeterRegistry metrics = start().getBean(MeterRegistry.class);
        DisputeId id = newDispute();
        append(opened(id, today().plusDays(2)),
                new FormalProcessStarted(id, STAGE, today(), today().plusDays(20), today().plusDays(28)));
        await("both deadlines scheduled", FIRE_WITHIN, () -> pending(id.value()) == 2);
        assertThat(metrics.get("iro.scheduler.deadlines.pending").tag("kind", "total-timescale").gauge().value())
                .isGreaterThanOrEqualTo(1);

        append(new DisputeResolved(id, ResolutionOutcome.RESOLVED, "Agreed.", List.of(), STAGE, null, today(),
                null));
        await("every deadline cancelled", FIRE_WITHIN, () -> pending(id.value()) == 0);
    }

    @Test
    void leavingAStageCancelsItsDeadlineAndWithdrawalCancelsEverything() {
        start();
        StageKey next = StageKey.of("stage-3");
        DisputeId escalated = newDispute();
        DisputeId movedOn = newDispute();
        DisputeId withdrawn = newDispute();
        append(opened(escalated, today().plusDays(2)),
                new DisputeEscalated(escalated, STAGE, next, List.of(), "No answer.", null, null, today()),
                new StageOpened(escalated, next, "Head of Service", Role.SENIOR_MANAGER, null, true, today(),
                        today().plusDays(9)),
                opened(movedOn, today().plusDays(2)),
                new StageOpened(movedOn, next, "Head of Service", Role.SENIOR_MANAGER, null, true, today(),
                        today().plusDays(9)),
                opened(withdrawn, today().plusDays(2)),
                new FormalProcessStarted(withdrawn, STAGE, today(), null, today().plusDays(28)),
                new DisputeWithdrawn(withdrawn, "Resolved informally.", null, today()));

        await("only the current stages scheduled", FIRE_WITHIN, () ->
                scheduled(escalated.value()).equals(List.of(escalated.value() + "/stage-overdue/stage-3"))
                        && scheduled(movedOn.value()).equals(List.of(movedOn.value() + "/stage-overdue/stage-3")));
        await("nothing left of the withdrawn dispute", FIRE_WITHIN, () -> scheduled(withdrawn.value()).isEmpty());
    }

    @Test
    void deadlinesThatPassWhileStoppedFireOnStart() {
        ConfigurableApplicationContext first = start();
        DisputeId id = newDispute();
        LocalDate due = today().plusDays(2);
        append(opened(id, due));
        await("the deadline scheduled", FIRE_WITHIN, () -> pending(id.value()) == 1);
        first.close();

        clock.advance(Duration.ofDays(4));
        assertThat(port.callsFor(id.value())).isEmpty();
        start();
        await("the missed deadline", FIRE_WITHIN, () -> !port.callsFor(id.value()).isEmpty());
        assertThat(port.callsFor(id.value())).hasSize(1);
    }

    /** An instance killed while sending leaves its row picked with a stale heartbeat; another one takes it over. */
    @Test
    void aDeadlinePickedByAnInstanceThatDiedFiresOnceElsewhere() throws InterruptedException {
        start();
        DisputeId id = newDispute();
        LocalDate due = today().plusDays(2);
        append(opened(id, due));
        await("the deadline scheduled", FIRE_WITHIN, () -> pending(id.value()) == 1);
        SchedulerInstances.DB.update("UPDATE disputes_scheduler.scheduled_tasks SET picked = true,"
                + " picked_by = 'killed-instance', last_heartbeat = now() WHERE task_instance LIKE ?", id.value() + "/%");

        clock.advance(Duration.ofDays(4)); // past the due date, and the dead instance's heartbeat long stale
        await("the revived deadline", FIRE_WITHIN, () -> !port.callsFor(id.value()).isEmpty());
        await("the deadline leaving the schedule", FIRE_WITHIN, () -> pending(id.value()) == 0);
        Thread.sleep(1000);
        assertThat(port.callsFor(id.value()))
                .containsExactly(new FakeCommandPort.Call(id.value(), "stage-overdue", STAGE.value(), due));
    }

    @Test
    void twoInstancesOnOneDatabaseSendOneCommandPerDeadline() throws InterruptedException {
        start();
        start();
        // One segment, one owner: two claimants would each schedule (and re-schedule after firing) every deadline.
        Thread.sleep(1000);
        int processing = 0;
        for (ConfigurableApplicationContext context : contexts) {
            processing += context.getBean(EventProcessingConfiguration.class)
                    .eventProcessor(DeadlineSchedule.PROCESSOR, StreamingEventProcessor.class)
                    .orElseThrow().processingStatus().size();
        }
        assertThat(processing).isEqualTo(1);
        List<DisputeId> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            DisputeId id = newDispute();
            ids.add(id);
            append(opened(id, today().minusDays(1)));
        }
        await("every deadline", FIRE_WITHIN, () -> ids.stream().allMatch(id -> !port.callsFor(id.value()).isEmpty()));
        Thread.sleep(1500); // both instances poll several more times
        for (DisputeId id : ids) {
            assertThat(port.callsFor(id.value())).as(id.value()).hasSize(1);
        }
    }
}
