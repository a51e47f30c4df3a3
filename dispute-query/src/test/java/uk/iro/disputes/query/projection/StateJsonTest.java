package uk.iro.disputes.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.dispute.ChildReference;
import uk.iro.disputes.kernel.dispute.ConcernCategory;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.MeetingOutcome;
import uk.iro.disputes.kernel.dispute.PlannedAction;
import uk.iro.disputes.kernel.dispute.ResolutionOutcome;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.event.DisputeEvent;
import uk.iro.disputes.kernel.event.DisputeEscalated;
import uk.iro.disputes.kernel.event.DisputeRaised;
import uk.iro.disputes.kernel.event.DisputeResolutionMeetingRecorded;
import uk.iro.disputes.kernel.event.DisputeResolved;
import uk.iro.disputes.kernel.event.FormalProcessStarted;
import uk.iro.disputes.kernel.event.IndependentLegalAdviceRequested;
import uk.iro.disputes.kernel.event.ReferredToCafcass;
import uk.iro.disputes.kernel.event.StageOpened;
import uk.iro.disputes.kernel.event.StageResponseRecorded;
import uk.iro.disputes.kernel.policy.CafcassRule;
import uk.iro.disputes.kernel.policy.PolicyRef;
import uk.iro.disputes.kernel.policy.StageKey;
import uk.iro.disputes.kernel.state.DisputeState;

/** The fold kept on the row must read back exactly: otherwise every later event would evolve a wrong state. */
class StateJsonTest {
    private static final DisputeId ID = DisputeId.of("d-1");
    private static final StaffReference IRO = StaffReference.of("iro-1", Role.IRO);
    private static final StaffReference TM = StaffReference.of("tm-1", Role.TEAM_MANAGER);
    private static final LocalDate D = LocalDate.of(2026, 3, 2);

    @Test
    void aStateAtEveryStepOfAWalkReadsBackEqual() {
        List<DisputeEvent> walk = List.of(
                new DisputeRaised(ID, new PolicyRef("wakefield", 1), ChildReference.of("CASE-1"), "Team 2", IRO,
                        Track.INFORMAL, Set.of(ConcernCategory.HEALTH, ConcernCategory.EDUCATION), "concern",
                        "outcome", null, null, D, null),
                new StageOpened(ID, StageKey.INFORMAL, "Informal", Role.TEAM_MANAGER, TM, false, D, D.plusDays(21)),
                new StageResponseRecorded(ID, StageKey.INFORMAL, TM, "response",
                        List.of(new PlannedAction("book it", TM, D.plusDays(7))), D.plusDays(3)),
                new DisputeEscalated(ID, StageKey.INFORMAL, StageKey.of("stage-1"), List.of(), "why", IRO, null,
                        D.plusDays(4)),
                new FormalProcessStarted(ID, StageKey.of("stage-1"), D.plusDays(4), null, D.plusDays(32)),
                new StageOpened(ID, StageKey.of("stage-1"), "Stage 1", Role.SENIOR_MANAGER, null, true, D.plusDays(4),
                        D.plusDays(11)),
                new DisputeResolutionMeetingRecorded(ID, StageKey.of("stage-1"), D.plusDays(5),
                        Set.of(Role.IRO, Role.SENIOR_MANAGER), MeetingOutcome.ACTIONS_AGREED, "summary", IRO,
                        D.plusDays(5)),
                new IndependentLegalAdviceRequested(ID, "why", IRO, D.plusDays(6)),
                new ReferredToCafcass(ID, StageKey.of("stage-1"), "why", IRO, null,
                        CafcassRule.Effect.CONTINUES_ALONGSIDE, D.plusDays(7)),
                new DisputeResolved(ID, ResolutionOutcome.RESOLVED, "done",
                        List.of(new PlannedAction("review", IRO, D.plusDays(20))), StageKey.of("stage-1"), IRO,
                        D.plusDays(8), D.plusDays(22)));
        DisputeState state = DisputeState.initial();
        for (DisputeEvent event : walk) {
            state = state.evolve(event);
            assertThat(StateJson.read(StateJson.write(state))).isEqualTo(state);
        }
        assertThat(StateJson.write(state)).doesNotContain("\"open\"");
        // Sets in natural (declaration) order, whatever order this JVM's immutable sets iterate in.
        assertThat(StateJson.write(state)).contains("\"categories\":[\"HEALTH\",\"EDUCATION\"]")
                .contains("\"attendeeRoles\":[\"IRO\",\"SENIOR_MANAGER\"]");
    }
}
