package uk.iro.disputes.command.dispute;

import static uk.iro.disputes.command.dispute.Disputes.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.command.Escalate;
import uk.iro.disputes.kernel.command.RaiseDispute;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.event.StageOpened;
import uk.iro.disputes.kernel.rule.DisputeRule;

class RespondingAndEscalatingTest {

    /** Wakefield, formal at stage 1 (Service Manager, five working days) on Monday 2 March 2026. */
    private static Walk wakefieldAtStageOne() {
        return Walk.startingOn(date(2026, 3, 2)).given(
                raised("wakefield", Track.FORMAL, date(2026, 3, 2), IRO_MANAGER),
                formalStarted("stage-1", date(2026, 3, 2), date(2026, 3, 30), date(2026, 3, 30)),
                opened("wakefield", "stage-1", date(2026, 3, 2), date(2026, 3, 9)));
    }

    @Test
    void onlyTheCurrentStageCanBeAnsweredAndOnlyOnce() {
        wakefieldAtStageOne()
                .on(date(2026, 3, 4))
                .rejects(respond("stage-2", SENIOR_MANAGER), DisputeRule.STAGE_NOT_CURRENT)
                .rejects(respond("informal", TEAM_MANAGER), DisputeRule.STAGE_NOT_CURRENT)
                .then(respond("stage-1", SENIOR_MANAGER), responded("stage-1", SENIOR_MANAGER, date(2026, 3, 4)))
                .rejects(respond("stage-1", SENIOR_MANAGER), DisputeRule.STAGE_ALREADY_ANSWERED);
    }

    @Test
    void theStageIsAnsweredByItsNamedAssigneeOrAHolderOfItsRole() {
        StaffReference named = StaffReference.of("tm-77", Role.TEAM_MANAGER);
        RaiseDispute raiseNamingAssignee = new RaiseDispute(DISPUTE, "wakefield", CHILD, TEAM, IRO, Track.FORMAL, null,
                CATEGORIES, CONCERN, DESIRED_OUTCOME, named, IRO_MANAGER, null, null);
        StageOpened opened = opened("wakefield", "stage-1", date(2026, 3, 2), date(2026, 3, 9));
        Walk.startingOn(date(2026, 3, 2))
                .then(raiseNamingAssignee,
                        raised("wakefield", Track.FORMAL, date(2026, 3, 2), IRO_MANAGER),
                        formalStarted("stage-1", date(2026, 3, 2), date(2026, 3, 30), date(2026, 3, 30)),
                        new StageOpened(DISPUTE, opened.stage(), opened.title(), opened.assigneeRole(), named, true,
                                opened.openedOn(), opened.dueDate()))
                .rejects(respond("stage-1", TEAM_MANAGER), DisputeRule.RESPONDENT_NOT_ASSIGNEE)
                .rejects(respond("stage-1", IRO), DisputeRule.RESPONDENT_NOT_ASSIGNEE)
                .then(respond("stage-1", named), responded("stage-1", named, date(2026, 3, 2)));
    }

    @Test
    void anEscalationStartsFromTheCurrentStageAndGoesUp() {
        wakefieldAtStageOne()
                .on(date(2026, 3, 9))
                .rejects(escalate("stage-2"), DisputeRule.STAGE_NOT_CURRENT)
                .rejects(escalate("stage-1", "stage-1", IRO_MANAGER), DisputeRule.ESCALATION_MUST_GO_UP)
                .rejects(escalate("stage-1", "informal", IRO_MANAGER), DisputeRule.STAGE_UNKNOWN)
                .rejects(escalate("stage-1", "stage-12", IRO_MANAGER), DisputeRule.STAGE_UNKNOWN)
                .then(escalate("stage-1"),
                        escalated("stage-1", "stage-2", date(2026, 3, 9)),
                        opened("wakefield", "stage-2", date(2026, 3, 9), date(2026, 3, 16)));
    }

    @Test
    void wakefieldBypassesAStageOnlyAfterConsultingTheIroTeamManager() {
        wakefieldAtStageOne()
                .on(date(2026, 3, 5))
                .rejects(escalate("stage-1", "stage-3", null), DisputeRule.CONSULTATION_REQUIRED)
                .rejects(escalate("stage-1", "stage-3", SENIOR_MANAGER), DisputeRule.CONSULTATION_REQUIRED)
                .then(escalate("stage-1", "stage-3", IRO_MANAGER),
                        escalated("stage-1", "stage-3", List.of("stage-2"), IRO_MANAGER, date(2026, 3, 5)),
                        opened("wakefield", "stage-3", date(2026, 3, 5), date(2026, 3, 12)));
    }

    @Test
    void anEscalationMayNameTheNewStagesAssignee() {
        StaffReference director = StaffReference.of("sd-5", Role.SENIOR_MANAGER);
        StageOpened opened = opened("wakefield", "stage-2", date(2026, 3, 9), date(2026, 3, 16));
        wakefieldAtStageOne()
                .on(date(2026, 3, 9))
                .then(new Escalate(DISPUTE, stage("stage-1"), null, REASON, IRO, null, director),
                        escalated("stage-1", "stage-2", date(2026, 3, 9)),
                        new StageOpened(DISPUTE, opened.stage(), opened.title(), opened.assigneeRole(), director, true,
                                opened.openedOn(), opened.dueDate()));
    }

    @Test
    void aResolvedDisputeIsNotEscalated() {
        wakefieldAtStageOne()
                .on(date(2026, 3, 4))
                .then(resolve(), resolved("stage-1", date(2026, 3, 4), null))
                .rejects(escalate("stage-1"), DisputeRule.DISPUTE_NOT_OPEN)
                .rejects(respond("stage-1", SENIOR_MANAGER), DisputeRule.DISPUTE_NOT_OPEN)
                .rejects(resolve(), DisputeRule.DISPUTE_NOT_OPEN);
    }
}
