package uk.iro.disputes.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.scheduler.SchedulerInstances.append;
import static uk.iro.disputes.scheduler.SchedulerInstances.await;
import static uk.iro.disputes.scheduler.SchedulerInstances.newDispute;
import static uk.iro.disputes.scheduler.SchedulerInstances.scheduled;
import static uk.iro.disputes.scheduler.SchedulerInstances.stageOpened;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import uk.iro.disputes.kernel.calendar.BusinessDate;
import uk.iro.disputes.kernel.calendar.WorkingDayCalendar;
import uk.iro.disputes.kernel.calendar.WorkingDays;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.MonitoringNextStep;
import uk.iro.disputes.kernel.dispute.ResolutionOutcome;
import uk.iro.disputes.kernel.event.DisputeReopened;
import uk.iro.disputes.kernel.event.DisputeResolved;
import uk.iro.disputes.kernel.event.FormalProcessStarted;
import uk.iro.disputes.kernel.event.MonitoringOutcomeRecorded;
import uk.iro.disputes.kernel.event.StageDueSoon;
import uk.iro.disputes.kernel.event.StageOpened;
import uk.iro.disputes.kernel.event.StageResponseRecorded;
import uk.iro.disputes.kernel.event.StageTimescaleExtended;
import uk.iro.disputes.kernel.event.StatutoryTimescaleBreached;
import uk.iro.disputes.kernel.policy.StageKey;

/** Due-soon reminders, lapsed monitoring meetings, and the total timescale of a reopened dispute. */
class RemindersAndMonitoringTest {
    private static final Duration FIRE_WITHIN = Duration.ofSeconds(20);
    private static final StageKey STAGE = StageKey.of("stage-2");
    private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.englandAndWales();

    private final MutableClock clock = new MutableClock();
    private final FakeCommandPort port = new FakeCommandPort();
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    @AfterEach
    void stop() {
        contexts.forEach(ConfigurableApplicationContext::close);
    }

    /** The default: reminders one working day before the due date. */
    private void start() {
        contexts.add(SchedulerInstances.start(clock, port, "--iro.scheduler.due-soon-working-days=1"));
    }

    private LocalDate today() {
        return BusinessDate.today(clock);
    }

    private static StageOpened opened(DisputeId id, LocalDate openedOn, LocalDate dueDate) {
        return stageOpened(id, STAGE, openedOn, dueDate);
    }

    /** Moves the clock to the start of {@code date} in London (plus an hour, clear of the boundary). */
    private void moveTo(LocalDate date) {
        clock.advance(Duration.between(clock.instant(),
                date.atStartOfDay(BusinessDate.LONDON).plusHours(1).toInstant()));
    }

    private List<FakeCommandPort.Call> calls(DisputeId id, String command) {
        return port.callsFor(id.value()).stream().filter(c -> c.command().equals(command)).toList();
    }

    @Test
    void theReminderFallsOneWorkingDayBeforeTheDueDateAndAgainAfterAnExtension() {
        start();
        DisputeId id = newDispute();
        LocalDate due = CALENDAR.addWorkingDays(today(), WorkingDays.of(4));
        LocalDate remindOn = CALENDAR.subtractWorkingDays(due, WorkingDays.of(1));
        append(opened(id, today(), due));
        await("overdue and due-soon scheduled", FIRE_WITHIN, () -> scheduled(id.value()).equals(List.of(
                id.value() + "/due-soon/stage-2", id.value() + "/stage-overdue/stage-2")));

        moveTo(remindOn.minusDays(1));
        sleepSeveralPolls();
        assertThat(port.callsFor(id.value())).isEmpty();

        moveTo(remindOn);
        await("the reminder", FIRE_WITHIN, () -> !calls(id, "stage-due-soon").isEmpty());
        assertThat(port.callsFor(id.value()))
                .containsExactly(new FakeCommandPort.Call(id.value(), "stage-due-soon", STAGE.value(), due));
        // A fired reminder's row goes a moment after the send, with others completed about then (CompletedDeadlines):
        // until it has, it is not the extension's new reminder the await below looks for.
        await("the fired reminder removed", FIRE_WITHIN,
                () -> !scheduled(id.value()).contains(id.value() + "/due-soon/stage-2"));
        append(new StageDueSoon(id, STAGE, due, remindOn, 1));

        LocalDate newDue = CALENDAR.addWorkingDays(due, WorkingDays.of(5));
        append(new StageTimescaleExtended(id, STAGE, due, newDue, "Report first.", null, today()));
        await("the extension applied: a reminder again", FIRE_WITHIN,
                () -> scheduled(id.value()).contains(id.value() + "/due-soon/stage-2"));
        moveTo(CALENDAR.subtractWorkingDays(newDue, WorkingDays.of(1)));
        await("the reminder for the new due date", FIRE_WITHIN, () -> calls(id, "stage-due-soon").size() == 2);
        assertThat(calls(id, "stage-due-soon").get(1).dueDate()).isEqualTo(newDue);
        assertThat(calls(id, "stage-overdue")).isEmpty();
    }

    @Test
    void aResponseCancelsTheReminderAndAPassedDueDateGetsNone() {
        start();
        DisputeId answered = newDispute();
        DisputeId late = newDispute();
        LocalDate due = CALENDAR.addWorkingDays(today(), WorkingDays.of(3));
        append(opened(answered, today(), due),
                new StageResponseRecorded(answered, STAGE, null, "Done.", List.of(), today()),
                opened(late, today().minusDays(10), today().minusDays(1)));
        SchedulerInstances.awaitProcessed(FIRE_WITHIN, answered.value(), late.value());
        await("the late stage's overdue command", FIRE_WITHIN, () -> !port.callsFor(late.value()).isEmpty());
        await("the answered stage's deadlines cancelled", FIRE_WITHIN, () -> scheduled(answered.value()).isEmpty());

        moveTo(due.plusDays(2));
        sleepSeveralPolls();
        assertThat(port.callsFor(answered.value())).isEmpty();
        assertThat(port.callsFor(late.value())).extracting(FakeCommandPort.Call::command)
                .containsExactly("stage-overdue");
    }

    @Test
    void aMonitoringMeetingWithNoOutcomeIsSentTheDayAfterItsDateAndAnOutcomeCancelsIt() {
        start();
        DisputeId lapsed = newDispute();
        DisputeId monitored = newDispute();
        LocalDate monitoringDue = today().plusDays(3);
        for (DisputeId id : List.of(lapsed, monitored)) {
            append(opened(id, today(), today().plusDays(5)),
                    new DisputeResolved(id, ResolutionOutcome.RESOLVED, "Agreed.", List.of(), STAGE, null, today(),
                            monitoringDue));
        }
        append(new MonitoringOutcomeRecorded(monitored, true, null, "Achieved.", null, today()));
        SchedulerInstances.awaitProcessed(FIRE_WITHIN, lapsed.value(), monitored.value());
        await("only the lapsed dispute's monitoring deadline", FIRE_WITHIN, () ->
                scheduled(lapsed.value()).equals(List.of(lapsed.value() + "/monitoring-overdue/monitoring"))
                        && scheduled(monitored.value()).isEmpty());

        moveTo(monitoringDue);
        sleepSeveralPolls();
        assertThat(port.callsFor(lapsed.value())).isEmpty();
        moveTo(monitoringDue.plusDays(1));
        await("the lapsed monitoring meeting", FIRE_WITHIN, () -> !port.callsFor(lapsed.value()).isEmpty());
        assertThat(port.callsFor(lapsed.value())).containsExactly(
                new FakeCommandPort.Call(lapsed.value(), "monitoring-overdue", null, monitoringDue));
        assertThat(port.callsFor(monitored.value())).isEmpty();
    }

    @Test
    void aReopenedDisputeGetsItsTotalTimescaleBackUnlessItsBreachIsRecorded() {
        start();
        DisputeId reopened = newDispute();
        DisputeId breached = newDispute();
        LocalDate total = today().plusDays(10);
        for (DisputeId id : List.of(reopened, breached)) {
            append(new FormalProcessStarted(id, STAGE, today(), total, total.plusDays(5)),
                    opened(id, today(), today().plusDays(5)));
        }
        append(new StatutoryTimescaleBreached(breached, total, today()));
        for (DisputeId id : List.of(reopened, breached)) {
            append(new DisputeResolved(id, ResolutionOutcome.RESOLVED, "Agreed.", List.of(), STAGE, null, today(),
                            today().plusDays(2)),
                    new MonitoringOutcomeRecorded(id, false, MonitoringNextStep.REOPEN_AT_LAST_STAGE, "Not done.",
                            null, today()),
                    new DisputeReopened(id, STAGE, "agreed actions not achieved", today()),
                    opened(id, today(), today().plusDays(30)));
        }
        SchedulerInstances.awaitProcessed(FIRE_WITHIN, reopened.value(), breached.value());
        await("the reopened dispute's total deadline back", FIRE_WITHIN, () ->
                scheduled(reopened.value()).contains(reopened.value() + "/total-timescale/total")
                        && scheduled(breached.value()).contains(breached.value() + "/stage-overdue/stage-2"));
        assertThat(scheduled(breached.value())).doesNotContain(breached.value() + "/total-timescale/total");

        moveTo(total.plusDays(1));
        await("the breach of the reopened dispute", FIRE_WITHIN,
                () -> !calls(reopened, "statutory-timescale-breached").isEmpty());
        sleepSeveralPolls();
        assertThat(calls(breached, "statutory-timescale-breached")).isEmpty();
    }

    private static void sleepSeveralPolls() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
