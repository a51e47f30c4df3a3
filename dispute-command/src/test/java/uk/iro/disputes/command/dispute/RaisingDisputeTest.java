package uk.iro.disputes.command.dispute;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.command.dispute.Disputes.*;

import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.command.RaiseDispute;
import uk.iro.disputes.kernel.dispute.ProgressRating;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.event.StageOpened;
import uk.iro.disputes.kernel.rule.DisputeRule;

class RaisingDisputeTest {

    @Test
    void formalStartAtAChosenStageNamesTheAssigneeAndCountsTheTotalFromThatDay() {
        StaffReference namedManager = StaffReference.of("sm-44", uk.iro.disputes.kernel.dispute.Role.SENIOR_MANAGER);
        RaiseDispute raise = new RaiseDispute(DISPUTE, "wakefield", CHILD, TEAM, IRO, Track.FORMAL, stage("stage-2"),
                CATEGORIES, CONCERN, DESIRED_OUTCOME, namedManager, IRO_MANAGER, null, null);
        StageOpened opened = opened("wakefield", "stage-2", date(2026, 3, 2), date(2026, 3, 9));
        Walk.startingOn(date(2026, 3, 2)).then(raise,
                raised("wakefield", Track.FORMAL, date(2026, 3, 2), IRO_MANAGER),
                formalStarted("stage-2", date(2026, 3, 2), date(2026, 3, 30), date(2026, 3, 30)),
                new StageOpened(DISPUTE, opened.stage(), opened.title(), opened.assigneeRole(), namedManager, true,
                        opened.openedOn(), opened.dueDate()));
    }

    @Test
    void aPolicyThatDoesNotExistIsRefused() {
        Walk.startingOn(date(2026, 3, 2)).rejects(raiseInformally("no-such-council"), DisputeRule.POLICY_UNKNOWN);
    }

    @Test
    void onlyAnIroRaisesADispute() {
        RaiseDispute bySocialWorker = new RaiseDispute(DISPUTE, "wakefield", CHILD, TEAM, SOCIAL_WORKER,
                Track.INFORMAL, null, CATEGORIES, CONCERN, DESIRED_OUTCOME, null, null, null, null);
        Walk.startingOn(date(2026, 3, 2)).rejects(bySocialWorker, DisputeRule.RAISER_NOT_IRO);
    }

    @Test
    void theStartingStageIsChosenOnlyWhereThePolicySaysSo() {
        Walk.startingOn(date(2026, 3, 2))
                .rejects(raise("birmingham", Track.FORMAL, "stage-2", IRO_MANAGER), DisputeRule.STARTING_STAGE_NOT_CHOOSABLE)
                .rejects(raise("durham", Track.FORMAL, "stage-9", null), DisputeRule.STAGE_UNKNOWN)
                .rejects(raise("durham", Track.INFORMAL, "stage-3", null), DisputeRule.STARTING_STAGE_NOT_CHOOSABLE);
    }

    @Test
    void aTrackThePolicyDoesNotOfferIsRefused() {
        Walk.startingOn(date(2026, 3, 2))
                .rejects(raise("wakefield", Track.IMMEDIATE_CONCERN, null, null), DisputeRule.TRACK_NOT_OFFERED)
                .rejects(raiseInformally("group-manager-ladder"), DisputeRule.TRACK_NOT_OFFERED);
    }

    @Test
    void aFormalStartNeedsTheConsultationThePolicyNamesWithSomeoneInThatRole() {
        Walk.startingOn(date(2026, 3, 2))
                .rejects(raiseFormally("birmingham", null), DisputeRule.CONSULTATION_REQUIRED)
                .rejects(raiseFormally("birmingham", TEAM_MANAGER), DisputeRule.CONSULTATION_REQUIRED)
                .then(raiseFormally("birmingham", IRO_MANAGER),
                        raised("birmingham", Track.FORMAL, date(2026, 3, 2), IRO_MANAGER),
                        formalStarted("stage-1", date(2026, 3, 2), date(2026, 3, 30), date(2026, 3, 30)),
                        opened("birmingham", "stage-1", date(2026, 3, 2), date(2026, 3, 16)));
    }

    @Test
    void aProgressRatingIsRecordedOnlyWhereTheInformalStageKeepsOne() {
        RaiseDispute rated = new RaiseDispute(DISPUTE, "wakefield", CHILD, TEAM, IRO, Track.INFORMAL, null, CATEGORIES,
                CONCERN, DESIRED_OUTCOME, null, null, ProgressRating.RED, null);
        Walk.startingOn(date(2026, 3, 2)).rejects(rated, DisputeRule.PROGRESS_RATING_NOT_RECORDED);
    }

    @Test
    void theNewestVersionOfThePolicyIsPinnedAndKeptAfterANewerOneIsLoaded() throws Exception {
        var policies = PolicyVersions.wakefieldWithAVersionTwoOfTenDayStages();
        // Raised under version 1 (five-day stages), escalated after version 2 (ten-day stages) is loaded.
        Walk.startingOn(date(2026, 3, 2), policies)
                .given(raised("wakefield", Track.FORMAL, date(2026, 3, 2), IRO_MANAGER),
                        formalStarted("stage-1", date(2026, 3, 2), date(2026, 3, 30), date(2026, 3, 30)),
                        opened("wakefield", "stage-1", date(2026, 3, 2), date(2026, 3, 9)))
                .on(date(2026, 3, 9))
                .then(escalate("stage-1"),
                        escalated("stage-1", "stage-2", date(2026, 3, 9)),
                        opened("wakefield", "stage-2", date(2026, 3, 9), date(2026, 3, 16)));

        var raisedNow = Walk.startingOn(date(2026, 3, 2), policies);
        raisedNow.then(raiseFormally("wakefield", IRO_MANAGER),
                new uk.iro.disputes.kernel.event.DisputeRaised(DISPUTE, new uk.iro.disputes.kernel.policy.PolicyRef("wakefield", 2),
                        CHILD, TEAM, IRO, Track.FORMAL, CATEGORIES, CONCERN, DESIRED_OUTCOME, IRO_MANAGER, null,
                        date(2026, 3, 2), null),
                formalStarted("stage-1", date(2026, 3, 2), date(2026, 3, 30), date(2026, 3, 30)),
                new StageOpened(DISPUTE, stage("stage-1"), policies.latest("wakefield").orElseThrow()
                        .stage(stage("stage-1")).orElseThrow().title(), uk.iro.disputes.kernel.dispute.Role.SENIOR_MANAGER,
                        null, true, date(2026, 3, 2), date(2026, 3, 16)));
        assertThat(raisedNow.state().policy().version()).isEqualTo(2);
    }
}
