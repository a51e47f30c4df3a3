package uk.iro.disputes.command.dispute;

import static uk.iro.disputes.command.dispute.Disputes.*;

import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.command.AcknowledgeStage;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.event.StageAcknowledged;
import uk.iro.disputes.kernel.event.StageOpened;
import uk.iro.disputes.kernel.rule.DisputeRule;

/**
 * The acknowledgement audit: the person a stage is assigned to (named, or by the stage's role) acknowledges it once;
 * the event says who, when, and how many working days after the stage opened.
 */
class AcknowledgingStageTest {

    private static AcknowledgeStage acknowledge(String stage, StaffReference by) {
        return new AcknowledgeStage(DISPUTE, stage(stage), by);
    }

    private static StageAcknowledged acknowledged(String stage, StaffReference by, int day, int workingDays) {
        return new StageAcknowledged(DISPUTE, stage(stage), by, date(2026, 3, day), workingDays);
    }

    /** Wakefield's stage 1 (Service Manager: SENIOR_MANAGER), opened on Monday 2 March 2026. */
    private static Walk atStageOne() {
        return Walk.startingOn(date(2026, 3, 2)).given(
                raised("wakefield", Track.FORMAL, date(2026, 3, 2), IRO_MANAGER),
                formalStarted("stage-1", date(2026, 3, 2), date(2026, 3, 30), date(2026, 3, 30)),
                opened("wakefield", "stage-1", date(2026, 3, 2), date(2026, 3, 9)));
    }

    @Test
    void theAssigneeRoleAcknowledgesOnceWithTheWorkingDaysSinceTheStageOpened() {
        atStageOne()
                .on(date(2026, 3, 4)).then(acknowledge("stage-1", SENIOR_MANAGER),
                        acknowledged("stage-1", SENIOR_MANAGER, 4, 2))
                .rejects(acknowledge("stage-1", SENIOR_MANAGER), DisputeRule.STAGE_ALREADY_ACKNOWLEDGED)
                .rejects(acknowledge("stage-1", StaffReference.of("sm-9", Role.SENIOR_MANAGER)),
                        DisputeRule.STAGE_ALREADY_ACKNOWLEDGED)
                // acknowledging does not answer: the response is still awaited
                .then(respond("stage-1", SENIOR_MANAGER), responded("stage-1", SENIOR_MANAGER, date(2026, 3, 4)));
    }

    @Test
    void theSameDayIsZeroWorkingDaysAndAWeekendDoesNotCount() {
        atStageOne().then(acknowledge("stage-1", SENIOR_MANAGER), acknowledged("stage-1", SENIOR_MANAGER, 2, 0));
        atStageOne().on(date(2026, 3, 9)).then(acknowledge("stage-1", SENIOR_MANAGER),
                acknowledged("stage-1", SENIOR_MANAGER, 9, 5));
    }

    @Test
    void onlyTheStagesAssigneeOrAHolderOfItsRoleAcknowledges() {
        atStageOne()
                .rejects(acknowledge("stage-1", TEAM_MANAGER), DisputeRule.ACKNOWLEDGER_NOT_ASSIGNEE)
                .rejects(acknowledge("stage-1", IRO), DisputeRule.ACKNOWLEDGER_NOT_ASSIGNEE)
                .rejects(acknowledge("stage-1", IRO_MANAGER), DisputeRule.ACKNOWLEDGER_NOT_ASSIGNEE)
                .rejects(acknowledge("stage-1", AUDITOR), DisputeRule.ACKNOWLEDGER_NOT_ASSIGNEE);

        StaffReference named = StaffReference.of("tm-named", Role.TEAM_MANAGER);
        Walk.startingOn(date(2026, 3, 3)).given(
                        raised("wakefield", Track.FORMAL, date(2026, 3, 2), IRO_MANAGER),
                        formalStarted("stage-1", date(2026, 3, 2), date(2026, 3, 30), date(2026, 3, 30)),
                        new StageOpened(DISPUTE, stage("stage-1"), "Stage 1: Service Manager", Role.SENIOR_MANAGER,
                                named, true, date(2026, 3, 2), date(2026, 3, 9)))
                .rejects(acknowledge("stage-1", TEAM_MANAGER), DisputeRule.ACKNOWLEDGER_NOT_ASSIGNEE)
                .then(acknowledge("stage-1", named), acknowledged("stage-1", named, 3, 1));
    }

    @Test
    void onlyTheCurrentUnansweredStageIsAcknowledgedAndEachNewStageAgain() {
        atStageOne()
                .rejects(acknowledge("stage-2", SENIOR_MANAGER), DisputeRule.STAGE_NOT_CURRENT)
                .on(date(2026, 3, 3))
                .then(respond("stage-1", SENIOR_MANAGER), responded("stage-1", SENIOR_MANAGER, date(2026, 3, 3)))
                .rejects(acknowledge("stage-1", SENIOR_MANAGER), DisputeRule.STAGE_ALREADY_ANSWERED)
                .on(date(2026, 3, 4))
                .then(escalate("stage-1"), escalated("stage-1", "stage-2", date(2026, 3, 4)),
                        opened("wakefield", "stage-2", date(2026, 3, 4), date(2026, 3, 11)))
                .on(date(2026, 3, 5))
                .then(acknowledge("stage-2", SENIOR_MANAGER), acknowledged("stage-2", SENIOR_MANAGER, 5, 1));
    }
}
