package uk.iro.disputes.command.dispute;

import static uk.iro.disputes.command.dispute.Violates.violates;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import uk.iro.disputes.kernel.event.DisputeEvent;
import uk.iro.disputes.kernel.policy.PolicyCatalogue;
import uk.iro.disputes.kernel.rule.DisputeRule;
import uk.iro.disputes.kernel.state.DisputeState;

/**
 * A dispute walked step by step through its ladder, day by day: each step runs one command against the events
 * so far on a fresh fixture and asserts exactly the events it must produce.
 */
final class Walk {
    private final MovableClock clock;
    private final PolicyCatalogue policies;
    private final List<DisputeEvent> history = new ArrayList<>();

    private Walk(LocalDate start, PolicyCatalogue policies) {
        this.clock = new MovableClock(start);
        this.policies = policies;
    }

    static Walk startingOn(LocalDate date) {
        return new Walk(date, Disputes.POLICIES);
    }

    static Walk startingOn(LocalDate date, PolicyCatalogue policies) {
        return new Walk(date, policies);
    }

    /** Continue from events already recorded (for instance by an earlier walk). */
    Walk given(DisputeEvent... events) {
        history.addAll(List.of(events));
        return this;
    }

    Walk on(LocalDate date) {
        clock.setDate(date);
        return this;
    }

    Walk then(Object command, DisputeEvent... expected) {
        Disputes.fixture(clock, Disputes.CALENDAR, policies)
                .given(List.copyOf(history))
                .when(command)
                .expectSuccessfulHandlerExecution()
                .expectEvents((Object[]) expected);
        history.addAll(List.of(expected));
        return this;
    }

    Walk rejects(Object command, DisputeRule rule) {
        Disputes.fixture(clock, Disputes.CALENDAR, policies)
                .given(List.copyOf(history))
                .when(command)
                .expectNoEvents()
                .expectException(violates(rule));
        return this;
    }

    DisputeState state() {
        return DisputeState.of(history);
    }

    List<DisputeEvent> history() {
        return List.copyOf(history);
    }
}
