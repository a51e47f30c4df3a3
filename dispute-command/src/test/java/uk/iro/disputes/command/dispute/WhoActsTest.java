package uk.iro.disputes.command.dispute;

import static uk.iro.disputes.command.dispute.Disputes.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.command.Escalate;
import uk.iro.disputes.kernel.command.ExtendStageTimescale;
import uk.iro.disputes.kernel.command.RaiseDispute;
import uk.iro.disputes.kernel.command.RecordChildInformed;
import uk.iro.disputes.kernel.command.RecordDisputeResolutionMeeting;
import uk.iro.disputes.kernel.command.ReferToCafcass;
import uk.iro.disputes.kernel.command.RequestIndependentLegalAdvice;
import uk.iro.disputes.kernel.command.ResolveDispute;
import uk.iro.disputes.kernel.command.WithdrawDispute;
import uk.iro.disputes.kernel.dispute.MeetingOutcome;
import uk.iro.disputes.kernel.dispute.ResolutionOutcome;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.event.DisputeRaised;
import uk.iro.disputes.kernel.event.DisputeResolutionMeetingRecorded;
import uk.iro.disputes.kernel.event.DisputeWithdrawn;
import uk.iro.disputes.kernel.rule.DisputeRule;

/** Who may take each step: the dispute's own IRO or an IRO manager, the stage's respondent, and no one else. */
class WhoActsTest {

    private static Walk wakefieldAtStageOne() {
        return Walk.startingOn(date(2026, 3, 2)).given(
                raised("wakefield", Track.FORMAL, date(2026, 3, 2), IRO_MANAGER),
                formalStarted("stage-1", date(2026, 3, 2), date(2026, 3, 30), date(2026, 3, 30)),
                opened("wakefield", "stage-1", date(2026, 3, 2), date(2026, 3, 9)));
    }

    @Test
    void anIroManagerRaisesOnBehalfOfTheIroTheyName() {
        RaiseDispute onBehalf = new RaiseDispute(DISPUTE, "wakefield", CHILD, TEAM, IRO_MANAGER, Track.FORMAL, null,
                CATEGORIES, CONCERN, DESIRED_OUTCOME, null, IRO_MANAGER, null, IRO);
        Walk.startingOn(date(2026, 3, 2)).then(onBehalf,
                raised("wakefield", Track.FORMAL, date(2026, 3, 2), IRO_MANAGER),
                formalStarted("stage-1", date(2026, 3, 2), date(2026, 3, 30), date(2026, 3, 30)),
                opened("wakefield", "stage-1", date(2026, 3, 2), date(2026, 3, 9)));
    }

    @Test
    void onlyAnIroOrAnIroManagerNamingTheIroRaises() {
        RaiseDispute managerNamingNoOne = new RaiseDispute(DISPUTE, "wakefield", CHILD, TEAM, IRO_MANAGER,
                Track.FORMAL, null, CATEGORIES, CONCERN, DESIRED_OUTCOME, null, IRO_MANAGER, null, null);
        RaiseDispute managerNamingASocialWorker = new RaiseDispute(DISPUTE, "wakefield", CHILD, TEAM, IRO_MANAGER,
                Track.FORMAL, null, CATEGORIES, CONCERN, DESIRED_OUTCOME, null, IRO_MANAGER, null, SOCIAL_WORKER);
        RaiseDispute iroForAnotherIro = new RaiseDispute(DISPUTE, "wakefield", CHILD, TEAM, IRO, Track.FORMAL, null,
                CATEGORIES, CONCERN, DESIRED_OUTCOME, null, IRO_MANAGER, null, ANOTHER_IRO);
        RaiseDispute bySeniorManager = new RaiseDispute(DISPUTE, "wakefield", CHILD, TEAM, SENIOR_MANAGER,
                Track.FORMAL, null, CATEGORIES, CONCERN, DESIRED_OUTCOME, null, IRO_MANAGER, null, IRO);
        Walk.startingOn(date(2026, 3, 2))
                .rejects(managerNamingNoOne, DisputeRule.RAISER_NOT_IRO)
                .rejects(managerNamingASocialWorker, DisputeRule.RAISER_NOT_IRO)
                .rejects(iroForAnotherIro, DisputeRule.RAISER_NOT_IRO)
                .rejects(bySeniorManager, DisputeRule.RAISER_NOT_IRO);
    }

    @Test
    void anotherIroCannotTakeTheOwningIrosSteps() {
        wakefieldAtStageOne()
                .on(date(2026, 3, 10))
                .rejects(new Escalate(DISPUTE, stage("stage-1"), null, REASON, ANOTHER_IRO, null, null),
                        DisputeRule.NOT_THE_DISPUTES_IRO)
                .rejects(new Escalate(DISPUTE, stage("stage-1"), null, REASON, SENIOR_MANAGER, null, null),
                        DisputeRule.NOT_THE_DISPUTES_IRO)
                .rejects(new ExtendStageTimescale(DISPUTE, stage("stage-1"), date(2026, 3, 12), "time", ANOTHER_IRO),
                        DisputeRule.NOT_THE_DISPUTES_IRO)
                .rejects(new ResolveDispute(DISPUTE, ResolutionOutcome.RESOLVED, "ok", List.of(), TEAM_MANAGER),
                        DisputeRule.NOT_THE_DISPUTES_IRO)
                .rejects(new ReferToCafcass(DISPUTE, "why", ANOTHER_IRO, IRO_MANAGER),
                        DisputeRule.NOT_THE_DISPUTES_IRO)
                .rejects(new RequestIndependentLegalAdvice(DISPUTE, "why", SOCIAL_WORKER),
                        DisputeRule.NOT_THE_DISPUTES_IRO)
                .rejects(new RecordChildInformed(DISPUTE, date(2026, 3, 9), "visit", AUDITOR),
                        DisputeRule.NOT_THE_DISPUTES_IRO)
                .rejects(new WithdrawDispute(DISPUTE, "why", ANOTHER_IRO), DisputeRule.NOT_THE_DISPUTES_IRO)
                .then(new WithdrawDispute(DISPUTE, "Resolved at review.", IRO_MANAGER),
                        new DisputeWithdrawn(DISPUTE, "Resolved at review.", IRO_MANAGER, date(2026, 3, 10)));
    }

    @Test
    void aMeetingIsRecordedByTheIroSideOrTheStagesRespondent() {
        StaffReference stageOneRespondent = StaffReference.of("sm-5", Role.SENIOR_MANAGER);
        RecordDisputeResolutionMeeting bySocialWorker = meeting(SOCIAL_WORKER);
        RecordDisputeResolutionMeeting byAnotherIro = meeting(ANOTHER_IRO);
        wakefieldAtStageOne()
                .on(date(2026, 3, 5))
                .rejects(bySocialWorker, DisputeRule.NOT_A_MEETING_PARTY)
                .rejects(byAnotherIro, DisputeRule.NOT_A_MEETING_PARTY)
                .then(meeting(stageOneRespondent), new DisputeResolutionMeetingRecorded(DISPUTE, stage("stage-1"),
                        date(2026, 3, 4), java.util.Set.of(Role.IRO, Role.SENIOR_MANAGER), MeetingOutcome.ACTIONS_AGREED,
                        "Agreed the plan.", stageOneRespondent, date(2026, 3, 5)));
    }

    private static RecordDisputeResolutionMeeting meeting(StaffReference by) {
        return new RecordDisputeResolutionMeeting(DISPUTE, date(2026, 3, 4), java.util.Set.of(Role.IRO,
                Role.SENIOR_MANAGER), MeetingOutcome.ACTIONS_AGREED, "Agreed the plan.", by);
    }

    @Test
    void someoneWithNoPartInTheDisputeLearnsNothingOfItsState() {
        wakefieldAtStageOne()
                .on(date(2026, 3, 10))
                .then(new WithdrawDispute(DISPUTE, "Resolved at review.", IRO),
                        new DisputeWithdrawn(DISPUTE, "Resolved at review.", IRO, date(2026, 3, 10)))
                // Not "dispute-withdrawn", "stage-not-current" or "dispute-not-resolved": who acts is checked first.
                .rejects(new uk.iro.disputes.kernel.command.CloseDispute(DISPUTE, ANOTHER_IRO),
                        DisputeRule.CLOSURE_NOT_AUTHORISED)
                .rejects(respond("stage-1", TEAM_MANAGER), DisputeRule.RESPONDENT_NOT_ASSIGNEE)
                .rejects(respond("stage-3", SOCIAL_WORKER), DisputeRule.RESPONDENT_NOT_ASSIGNEE)
                .rejects(meeting(SOCIAL_WORKER), DisputeRule.NOT_A_MEETING_PARTY)
                .rejects(respond("stage-1", SENIOR_MANAGER), DisputeRule.DISPUTE_WITHDRAWN);
    }
}
