package uk.iro.disputes.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.dispute.ChildReference;
import uk.iro.disputes.kernel.dispute.ConcernCategory;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.MeetingOutcome;
import uk.iro.disputes.kernel.dispute.MonitoringNextStep;
import uk.iro.disputes.kernel.dispute.PlannedAction;
import uk.iro.disputes.kernel.dispute.ProgressRating;
import uk.iro.disputes.kernel.dispute.ResolutionOutcome;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.event.ChildInformed;
import uk.iro.disputes.kernel.event.DisputeClosed;
import uk.iro.disputes.kernel.event.DisputeEscalated;
import uk.iro.disputes.kernel.event.DisputeEvent;
import uk.iro.disputes.kernel.event.DisputeRaised;
import uk.iro.disputes.kernel.event.DisputeReopened;
import uk.iro.disputes.kernel.event.DisputeResolutionMeetingRecorded;
import uk.iro.disputes.kernel.event.DisputeResolved;
import uk.iro.disputes.kernel.event.DisputeWithdrawn;
import uk.iro.disputes.kernel.event.FormalProcessStarted;
import uk.iro.disputes.kernel.event.IndependentLegalAdviceRequested;
import uk.iro.disputes.kernel.event.MonitoringMeetingOverdue;
import uk.iro.disputes.kernel.event.MonitoringOutcomeRecorded;
import uk.iro.disputes.kernel.event.ReferredToCafcass;
import uk.iro.disputes.kernel.event.StageAcknowledged;
import uk.iro.disputes.kernel.event.StageDueSoon;
import uk.iro.disputes.kernel.event.StageOpened;
import uk.iro.disputes.kernel.event.StageOverdue;
import uk.iro.disputes.kernel.event.StageResponseRecorded;
import uk.iro.disputes.kernel.event.StageTimescaleExtended;
import uk.iro.disputes.kernel.event.StatutoryTimescaleBreached;
import uk.iro.disputes.kernel.policy.CafcassRule;
import uk.iro.disputes.kernel.policy.PolicyRef;
import uk.iro.disputes.kernel.policy.StageKey;

/** The audit trail's plain words, one sentence per event type, all seventeen. */
class ChangeDescriptionsTest {
    static final DisputeId ID = DisputeId.of("d-1");
    static final StaffReference IRO = StaffReference.of("iro-1", Role.IRO);
    static final StaffReference MGR = StaffReference.of("mgr-1", Role.IRO_MANAGER);
    static final StaffReference TM = StaffReference.of("tm-1", Role.TEAM_MANAGER);
    static final StageKey S2 = StageKey.of("stage-2");
    static final LocalDate D = LocalDate.of(2026, 3, 2);

    @Test
    void everyEventTypeIsDescribed() {
        Map<DisputeEvent, String> expected = new java.util.LinkedHashMap<>();
        expected.put(new DisputeRaised(ID, new PolicyRef("warwickshire", 2), ChildReference.of("CASE-1"), "Team 2",
                IRO, Track.INFORMAL, Set.of(ConcernCategory.HEALTH, ConcernCategory.EDUCATION), "c", "o", null,
                ProgressRating.AMBER, D, null),
                "Raised under policy warwickshire version 2 on the informal track for child case CASE-1, team Team 2,"
                        + " IRO iro-1; concerns: EDUCATION, HEALTH; progress rated AMBER.");
        expected.put(new StageOpened(ID, S2, "Stage 2", Role.TEAM_MANAGER, TM, true, D, D.plusDays(4)),
                "Formal stage stage-2 (Stage 2) opened on 2026-03-02, waiting on tm-1 (TEAM_MANAGER); due 2026-03-06.");
        expected.put(new FormalProcessStarted(ID, S2, D, null, D.plusDays(28)),
                "Formal process started at stage-2 on 2026-03-02; the statutory 20 working days end 2026-03-30.");
        expected.put(new StageResponseRecorded(ID, S2, TM, "r", List.of(new PlannedAction("a", TM, D),
                        new PlannedAction("b", TM, D)), D),
                "tm-1 (TEAM_MANAGER) responded at stage-2 on 2026-03-02, planning 2 actions.");
        expected.put(new DisputeEscalated(ID, StageKey.INFORMAL, StageKey.of("stage-4"),
                        List.of(S2, StageKey.of("stage-3")), "No progress.", IRO, MGR, D),
                "Escalated from informal to stage-4 on 2026-03-02 by iro-1 (IRO), bypassing stage-2, stage-3, after"
                        + " consulting mgr-1 (IRO_MANAGER): No progress.");
        expected.put(new StageTimescaleExtended(ID, S2, D, D.plusDays(7), "Time to assess.", IRO, D),
                "Due date of stage-2 extended from 2026-03-02 to 2026-03-09, agreed by iro-1 (IRO) on 2026-03-02;"
                        + " benefit to the child: Time to assess.");
        expected.put(new DisputeResolutionMeetingRecorded(ID, S2, D, Set.of(Role.TEAM_MANAGER, Role.IRO),
                        MeetingOutcome.ACTIONS_AGREED, "s", IRO, D),
                "Dispute resolution meeting at stage-2 held on 2026-03-02 with IRO, TEAM_MANAGER: actions agreed;"
                        + " recorded by iro-1 (IRO).");
        expected.put(new StageOverdue(ID, S2, D, D.plusDays(1)),
                "Stage stage-2, due 2026-03-02, recorded overdue on 2026-03-03.");
        expected.put(new StatutoryTimescaleBreached(ID, D, D.plusDays(1)),
                "The formal process ran past its total timescale (due 2026-03-02), recorded on 2026-03-03.");
        expected.put(new DisputeResolved(ID, ResolutionOutcome.MANAGEMENT_DECISION, "s", List.of(), S2, IRO, D,
                        D.plusDays(14)),
                "Resolved at stage-2 on 2026-03-02 by iro-1 (IRO); outcome: management decision; monitoring meeting"
                        + " due 2026-03-16.");
        expected.put(new MonitoringOutcomeRecorded(ID, false, MonitoringNextStep.REOPEN_AT_LAST_STAGE, "n", IRO, D),
                "Monitoring recorded on 2026-03-02 by iro-1 (IRO): the agreed actions were not achieved; next step:"
                        + " reopen at last stage.");
        expected.put(new DisputeReopened(ID, S2, "agreed actions not achieved", D),
                "Reopened on 2026-03-02 after stage-2: agreed actions not achieved.");
        expected.put(new ReferredToCafcass(ID, S2, "r", IRO, null, CafcassRule.Effect.CLOSES_ESCALATION, D),
                "Referred to CAFCASS at stage-2 on 2026-03-02 by iro-1 (IRO); this closes the escalation.");
        expected.put(new IndependentLegalAdviceRequested(ID, "Proceedings", IRO, D),
                "Independent legal advice requested on 2026-03-02 by iro-1 (IRO): Proceedings.");
        expected.put(new ChildInformed(ID, D, "by letter", IRO, D.plusDays(1)),
                "The child was informed on 2026-03-02 (by letter); recorded by iro-1 (IRO) on 2026-03-03.");
        expected.put(new DisputeWithdrawn(ID, "Raised in error", IRO, D),
                "Withdrawn on 2026-03-02 by iro-1 (IRO): Raised in error.");
        expected.put(new DisputeClosed(ID, IRO, D), "Record authorised and closed on 2026-03-02 by iro-1 (IRO).");
        expected.put(new StageDueSoon(ID, S2, D.plusDays(1), D, 1),
                "Reminder: stage stage-2 is due 2026-03-03 (1 working day left) with no response yet; recorded on"
                        + " 2026-03-02.");
        expected.put(new MonitoringMeetingOverdue(ID, D, D.plusDays(1)),
                "The monitoring meeting due 2026-03-02 has no outcome recorded; recorded overdue on 2026-03-03.");
        expected.put(new StageAcknowledged(ID, S2, TM, D.plusDays(1), 1),
                "Stage stage-2 acknowledged by tm-1 (TEAM_MANAGER) on 2026-03-03, 1 working day after it opened.");

        assertThat(expected.keySet().stream().map(Object::getClass).toList())
                .containsExactlyInAnyOrder(DisputeEvent.class.getPermittedSubclasses());
        expected.forEach((event, words) -> assertThat(ChangeDescriptions.of(event)).isEqualTo(words));
    }
}
