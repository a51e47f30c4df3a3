package uk.iro.disputes.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.scheduler.SchedulerInstances.DB;
import static uk.iro.disputes.scheduler.SchedulerInstances.append;
import static uk.iro.disputes.scheduler.SchedulerInstances.appendTogether;
import static uk.iro.disputes.scheduler.SchedulerInstances.awaitProcessed;
import static uk.iro.disputes.scheduler.SchedulerInstances.newDispute;
import static uk.iro.disputes.scheduler.SchedulerInstances.scheduled;
import static uk.iro.disputes.scheduler.SchedulerInstances.stageOpened;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import uk.iro.disputes.kernel.calendar.BusinessDate;
import uk.iro.disputes.kernel.calendar.WorkingDayCalendar;
import uk.iro.disputes.kernel.calendar.WorkingDays;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.event.DisputeEvent;
import uk.iro.disputes.kernel.event.StageOpened;
import uk.iro.disputes.kernel.event.StageOverdue;
import uk.iro.disputes.kernel.event.StageTimescaleExtended;
import uk.iro.disputes.kernel.policy.StageKey;
import uk.iro.disputes.scheduler.schedule.DeadlineSchedule;

/**
 * The deletes of the stages done (StageOverdue here) gather up within the processor's batch and run as one statement
 * before it commits; any other change to the schedule runs those still pending first. Through the real processor, with
 * the events of each case appended in one transaction, and the batch each event was handled in recorded, so that a
 * case the processor happened to split over two batches is not taken for proof.
 */
class StagesDoneInOneBatchTest {
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final StageKey STAGE = StageKey.of("stage-2");
    private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.englandAndWales();

    private final MutableClock clock = new MutableClock();
    private final FakeCommandPort port = new FakeCommandPort();
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    /** Numbers each batch (the processor's unit of work) and notes which one handled each event of a dispute. */
    public static class Batches {
        private final AtomicInteger next = new AtomicInteger();
        private final Map<String, Integer> handledIn = new ConcurrentHashMap<>();

        /** This class is a source of the context, and so a bean itself. */
        @Bean
        ConfigurerModule batchRecorder() {
            MessageHandlerInterceptor<EventMessage<?>> interceptor = (unitOfWork, chain) -> {
                Integer batch = unitOfWork.root().getOrComputeResource(Batches.class.getName(),
                        key -> next.incrementAndGet());
                if (unitOfWork.getMessage().getPayload() instanceof DisputeEvent event) {
                    handledIn.put(key(event), batch);
                }
                return chain.proceed();
            };
            return configurer -> configurer.eventProcessing()
                    .registerHandlerInterceptor(DeadlineSchedule.PROCESSOR, c -> interceptor);
        }

        static String key(DisputeEvent event) {
            return event.disputeId().value() + "/" + event.getClass().getSimpleName();
        }

        Integer of(DisputeEvent event) {
            return handledIn.get(key(event));
        }
    }

    @AfterEach
    void stop() {
        contexts.forEach(ConfigurableApplicationContext::close);
    }

    /** Reminders on, so that a stage done has two rows to delete. */
    private Batches start() {
        ConfigurableApplicationContext context = SchedulerInstances.startWith(new Class<?>[] {Batches.class}, clock,
                port, "--iro.scheduler.due-soon-working-days=1");
        contexts.add(context);
        return context.getBean(Batches.class);
    }

    private LocalDate today() {
        return BusinessDate.today(clock);
    }

    private static StageOpened opened(DisputeId id, LocalDate openedOn, LocalDate dueDate) {
        return stageOpened(id, STAGE, openedOn, dueDate);
    }

    private static List<String> bothOf(DisputeId id) {
        return List.of(id.value() + "/due-soon/stage-2", id.value() + "/stage-overdue/stage-2");
    }

    private static String[] values(List<DisputeId> ids) {
        return ids.stream().map(DisputeId::value).toArray(String[]::new);
    }

    @Test
    void aBatchOfStagesOverdueRemovesEveryNotPickedDeadlineAndReminderOfThem() {
        Batches batches = start();
        LocalDate due = CALENDAR.addWorkingDays(today(), WorkingDays.of(10));
        List<DisputeId> overdue = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            overdue.add(newDispute());
        }
        DisputeId firing = newDispute(); // its deadline picked (being sent) when its StageOverdue is handled
        DisputeId control = newDispute();
        List<DisputeId> all = new ArrayList<>(overdue);
        all.add(firing);
        all.add(control);
        all.forEach(id -> append(opened(id, today(), due)));
        awaitProcessed(WITHIN, values(all));
        all.forEach(id -> assertThat(scheduled(id.value())).as(id.value()).isEqualTo(bothOf(id)));
        // Picked by an instance whose heartbeat is fresh for a day: nothing revives it during the test.
        DB.update("UPDATE disputes_scheduler.scheduled_tasks SET picked = true, picked_by = 'another-instance',"
                + " last_heartbeat = now() + interval '1 day' WHERE task_instance = ?",
                firing.value() + "/stage-overdue/stage-2");
        try {
            List<StageOverdue> events = new ArrayList<>();
            overdue.forEach(id -> events.add(new StageOverdue(id, STAGE, due, today())));
            events.add(new StageOverdue(firing, STAGE, due, today()));
            appendTogether(events.toArray(DisputeEvent[]::new));
            awaitProcessed(WITHIN, values(all));

            assertThat(events.stream().map(batches::of).distinct().count())
                    .as("the StageOverdue events were handled in fewer batches than there are events")
                    .isLessThan(events.size());
            overdue.forEach(id -> assertThat(scheduled(id.value())).as(id.value()).isEmpty());
            assertThat(scheduled(firing.value())).as("the picked deadline is left alone, its reminder is not")
                    .containsExactly(firing.value() + "/stage-overdue/stage-2");
            assertThat(scheduled(control.value())).isEqualTo(bothOf(control));
        } finally {
            DB.update("DELETE FROM disputes_scheduler.scheduled_tasks WHERE task_instance LIKE ?",
                    firing.value() + "/%");
        }
    }

    /**
     * A stage overdue, then extended (or opened again) in the same batch: the extension's new deadline is created after
     * the overdue stage's delete, so it stays. A delete left until the commit would remove it.
     */
    @Test
    void aStageOverdueThenExtendedOrOpenedAgainInOneBatchKeepsItsNewDeadline() {
        Batches batches = start();
        LocalDate due = CALENDAR.addWorkingDays(today(), WorkingDays.of(10));
        LocalDate newDue = CALENDAR.addWorkingDays(due, WorkingDays.of(10));
        List<DisputeId> extended = new ArrayList<>();
        List<DisputeId> reopened = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            extended.add(newDispute());
            reopened.add(newDispute());
        }
        List<DisputeId> all = new ArrayList<>(extended);
        all.addAll(reopened);
        all.forEach(id -> append(opened(id, today(), due)));
        awaitProcessed(WITHIN, values(all));

        List<DisputeEvent> events = new ArrayList<>();
        List<DisputeEvent[]> pairs = new ArrayList<>();
        for (int i = 0; i < extended.size(); i++) {
            DisputeEvent[] extension = {new StageOverdue(extended.get(i), STAGE, due, today()),
                    new StageTimescaleExtended(extended.get(i), STAGE, due, newDue, "More time.", null, today())};
            DisputeEvent[] reopening = {new StageOverdue(reopened.get(i), STAGE, due, today()),
                    opened(reopened.get(i), today(), newDue)};
            pairs.add(extension);
            pairs.add(reopening);
            events.addAll(List.of(extension));
            events.addAll(List.of(reopening));
        }
        appendTogether(events.toArray(DisputeEvent[]::new));
        awaitProcessed(WITHIN, values(all));

        assertThat(pairs.stream().filter(pair -> batches.of(pair[0]).equals(batches.of(pair[1]))).count())
                .as("some stage was overdue and then extended or opened again within one batch")
                .isPositive();
        for (DisputeId id : all) {
            assertThat(scheduled(id.value())).as(id.value()).isEqualTo(bothOf(id));
            java.sql.Timestamp fires = DB.queryForObject("SELECT execution_time FROM disputes_scheduler.scheduled_tasks"
                    + " WHERE task_instance = ?", java.sql.Timestamp.class, id.value() + "/stage-overdue/stage-2");
            assertThat(fires.toInstant()).as("%s falls after the new due date", id.value())
                    .isEqualTo(newDue.plusDays(1).atStartOfDay(BusinessDate.LONDON).toInstant());
        }
    }
}
