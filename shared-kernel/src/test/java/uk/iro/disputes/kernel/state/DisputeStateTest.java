package uk.iro.disputes.kernel.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.dispute.ChildReference;
import uk.iro.disputes.kernel.dispute.ConcernCategory;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.DisputeStatus;
import uk.iro.disputes.kernel.dispute.MeetingOutcome;
import uk.iro.disputes.kernel.dispute.MonitoringNextStep;
import uk.iro.disputes.kernel.dispute.PlannedAction;
import uk.iro.disputes.kernel.dispute.ResolutionOutcome;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.event.*;
import uk.iro.disputes.kernel.policy.CafcassRule;
import uk.iro.disputes.kernel.policy.PolicyRef;
import uk.iro.disputes.kernel.policy.StageKey;

class DisputeStateTest {
    static final DisputeId ID = DisputeId.of("d-1");
    static final StaffReference IRO = StaffReference.of("iro-1", Role.IRO);
    static final StaffReference TM = StaffReference.of("tm-1", Role.TEAM_MANAGER);
    static final StaffReference SM = StaffReference.of("sm-1", Role.SENIOR_MANAGER);
    static final StageKey INFORMAL = StageKey.INFORMAL;
    static final StageKey ONE = StageKey.of("stage-1");
    static final StageKey TWO = StageKey.of("stage-2");
    static final List<PlannedAction> ACTIONS = List.of(new PlannedAction("Refer", TM, d(4, 30)));

    static LocalDate d(int month, int day) {
        return LocalDate.of(2026, month, day);
    }

    /** One event of every type, in an order a real dispute could record them. */
    static List<DisputeEvent> everyKindOfEvent() {
        return List.of(
                new DisputeRaised(ID, new PolicyRef("durham", 1), ChildReference.of("C-1"), "Team A", IRO, Track.INFORMAL,
                        Set.of(ConcernCategory.HEALTH), "concern", "outcome", null, null, d(3, 2), null),
                new StageOpened(ID, INFORMAL, "Informal", Role.TEAM_MANAGER, null, false, d(3, 2), d(3, 3)),
                new StageOverdue(ID, INFORMAL, d(3, 3), d(3, 4)),
                new DisputeEscalated(ID, INFORMAL, ONE, List.of(), "no answer", IRO, null, d(3, 4)),
                new FormalProcessStarted(ID, ONE, d(3, 4), d(3, 26), d(4, 1)),
                new StageOpened(ID, ONE, "Team Manager", Role.TEAM_MANAGER, TM, true, d(3, 4), d(3, 10)),
                new StageTimescaleExtended(ID, ONE, d(3, 10), d(3, 12), "report due", IRO, d(3, 9)),
                new DisputeResolutionMeetingRecorded(ID, ONE, d(3, 9), Set.of(Role.IRO, Role.TEAM_MANAGER),
                        MeetingOutcome.ACTIONS_AGREED, "met", IRO, d(3, 9)),
                new StageResponseRecorded(ID, ONE, TM, "response", ACTIONS, d(3, 11)),
                new IndependentLegalAdviceRequested(ID, "conflict", IRO, d(3, 11)),
                new ChildInformed(ID, d(3, 11), "visit", IRO, d(3, 11)),
                new ReferredToCafcass(ID, ONE, "serious", IRO, null, CafcassRule.Effect.CONTINUES_ALONGSIDE, d(3, 12)),
                new DisputeResolved(ID, ResolutionOutcome.RESOLVED, "agreed", ACTIONS, ONE, IRO, d(3, 13), d(3, 27)),
                new MonitoringOutcomeRecorded(ID, false, MonitoringNextStep.ESCALATE, "not done", IRO, d(3, 27)),
                new DisputeReopened(ID, ONE, "not achieved", d(3, 27)),
                new DisputeEscalated(ID, ONE, TWO, List.of(), "not achieved", IRO, null, d(3, 27)),
                new StageOpened(ID, TWO, "Operations Manager", Role.SENIOR_MANAGER, null, true, d(3, 27), d(4, 8)),
                new StatutoryTimescaleBreached(ID, d(4, 1), d(4, 2)),
                new StageDueSoon(ID, TWO, d(4, 8), d(4, 7), 1),
                new DisputeResolved(ID, ResolutionOutcome.RESOLVED, "agreed", ACTIONS, TWO, IRO, d(4, 7), d(4, 20)),
                new MonitoringMeetingOverdue(ID, d(4, 20), d(4, 21)),
                new MonitoringOutcomeRecorded(ID, true, null, "done", IRO, d(4, 21)),
                new DisputeClosed(ID, IRO, d(4, 22)));
    }

    @Test
    void theFoldCoversEveryKindOfEvent() {
        Set<Class<?>> permitted = Arrays.stream(DisputeEvent.class.getPermittedSubclasses()).collect(Collectors.toSet());
        Set<Class<?>> exercised = everyKindOfEvent().stream().map(Object::getClass).collect(Collectors.toSet());
        exercised.add(DisputeWithdrawn.class); // exercised in its own test below
        exercised.add(StageAcknowledged.class); // exercised in CouncilsStateTest
        assertThat(exercised).isEqualTo(permitted);
    }

    @Test
    void foldingAWholeHistoryGivesTheStateAnAuditorWouldExpect() {
        DisputeState state = DisputeState.of(everyKindOfEvent());

        assertThat(state.version()).isEqualTo(everyKindOfEvent().size() - 1);
        assertThat(state.status()).isEqualTo(DisputeStatus.CLOSED);
        assertThat(state.closedOn()).isEqualTo(d(4, 22));
        assertThat(state.currentStage()).isEmpty();
        assertThat(state.stages()).extracting(StageState::key).containsExactly(INFORMAL, ONE, TWO);
        StageState informal = state.stages().get(0);
        assertThat(informal.overdueOn()).isEqualTo(d(3, 4));
        assertThat(informal.leftOn()).isEqualTo(d(3, 4));
        StageState one = state.stages().get(1);
        assertThat(one.dueDate()).isEqualTo(d(3, 12));
        assertThat(one.extensions()).isEqualTo(1);
        assertThat(one.respondent()).isEqualTo(TM);
        assertThat(one.respondedOn()).isEqualTo(d(3, 11));
        assertThat(one.leftOn()).isEqualTo(d(3, 13));
        assertThat(state.formalStartedOn()).isEqualTo(d(3, 4));
        assertThat(state.totalDueDate()).isEqualTo(d(3, 26));
        assertThat(state.statutoryDueDate()).isEqualTo(d(4, 1));
        assertThat(state.timescaleBreachedOn()).isEqualTo(d(4, 2));
        assertThat(state.cafcassReferral().atStage()).isEqualTo(ONE);
        assertThat(state.legalAdviceRequestedOn()).containsExactly(d(3, 11));
        assertThat(state.childInformedOn()).containsExactly(d(3, 11));
        assertThat(state.meetings()).hasSize(1);
        assertThat(state.reopenings()).isEqualTo(1);
        assertThat(state.resolution().atStage()).isEqualTo(TWO);
        assertThat(state.resolution().monitoringAchieved()).isTrue();
        assertThat(state.resolution().monitoringOverdueOn()).isEqualTo(d(4, 21));
        assertThat(state.stages().get(2).dueSoonRemindedOn()).isEqualTo(d(4, 7));
        assertThat(state.resolution().monitoringOutstanding()).isFalse();
    }

    @Test
    void aRemindedDueDateIsForgottenWhenAnExtensionSetsANewOne() {
        List<DisputeEvent> events = everyKindOfEvent();
        DisputeState opened = DisputeState.of(events.subList(0, 6));
        DisputeState reminded = opened.evolve(new StageDueSoon(ID, ONE, d(3, 10), d(3, 9), 1));
        assertThat(reminded.currentStage().orElseThrow().isRemindedDueSoon()).isTrue();
        DisputeState extended = reminded.evolve(events.get(6));
        assertThat(extended.currentStage().orElseThrow().dueDate()).isEqualTo(d(3, 12));
        assertThat(extended.currentStage().orElseThrow().isRemindedDueSoon()).isFalse();
    }

    @Test
    void everyPrefixOfTheHistoryIsAStateOfItsOwn() {
        List<DisputeEvent> events = everyKindOfEvent();
        DisputeState atResponse = DisputeState.of(events.subList(0, 9));
        assertThat(atResponse.status()).isEqualTo(DisputeStatus.OPEN);
        assertThat(atResponse.currentStage().orElseThrow().key()).isEqualTo(ONE);
        assertThat(atResponse.currentStage().orElseThrow().isAnswered()).isTrue();
        assertThat(atResponse.isOverdueOn(d(3, 20))).isFalse();

        DisputeState beforeResponse = DisputeState.of(events.subList(0, 8));
        assertThat(beforeResponse.isOverdueOn(d(3, 12))).isFalse();
        assertThat(beforeResponse.isOverdueOn(d(3, 13))).isTrue();

        DisputeState resolvedOnce = DisputeState.of(events.subList(0, 13));
        assertThat(resolvedOnce.status()).isEqualTo(DisputeStatus.RESOLVED);
        assertThat(resolvedOnce.resolution().monitoringOutstanding()).isTrue();

        DisputeState reopened = DisputeState.of(events.subList(0, 15));
        assertThat(reopened.status()).isEqualTo(DisputeStatus.OPEN);
        assertThat(reopened.resolution()).isNull();
    }

    @Test
    void aWithdrawnDisputeLeavesItsStage() {
        DisputeState state = DisputeState.of(List.of(everyKindOfEvent().get(0), everyKindOfEvent().get(1),
                new DisputeWithdrawn(ID, "raised in error", IRO, d(3, 3))));
        assertThat(state.status()).isEqualTo(DisputeStatus.WITHDRAWN);
        assertThat(state.withdrawnOn()).isEqualTo(d(3, 3));
        assertThat(state.currentStage()).isEmpty();
    }

    @Test
    void theFoldIsPureTheSameEventsGiveEqualStates() {
        assertThat(DisputeState.of(everyKindOfEvent())).isEqualTo(DisputeState.of(everyKindOfEvent()));
        DisputeState start = DisputeState.initial();
        start.evolve(everyKindOfEvent().get(0));
        assertThat(start).isEqualTo(DisputeState.initial());
    }
}
