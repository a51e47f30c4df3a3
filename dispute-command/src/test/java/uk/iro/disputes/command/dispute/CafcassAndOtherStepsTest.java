package uk.iro.disputes.command.dispute;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.command.dispute.Disputes.*;

import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.command.RecordChildInformed;
import uk.iro.disputes.kernel.command.RecordDisputeResolutionMeeting;
import uk.iro.disputes.kernel.command.RequestIndependentLegalAdvice;
import uk.iro.disputes.kernel.dispute.DisputeStatus;
import uk.iro.disputes.kernel.dispute.MeetingOutcome;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.event.ChildInformed;
import uk.iro.disputes.kernel.event.DisputeResolutionMeetingRecorded;
import uk.iro.disputes.kernel.event.IndependentLegalAdviceRequested;
import uk.iro.disputes.kernel.policy.CafcassRule.Effect;
import uk.iro.disputes.kernel.rule.DisputeRule;

class CafcassAndOtherStepsTest {

    private static Walk birminghamAtStageTwo() {
        return Walk.startingOn(date(2026, 3, 2)).given(
                raised("birmingham", Track.FORMAL, date(2026, 3, 2), IRO_MANAGER),
                formalStarted("stage-1", date(2026, 3, 2), date(2026, 3, 30), date(2026, 3, 30)),
                opened("birmingham", "stage-1", date(2026, 3, 2), date(2026, 3, 16)),
                escalated("stage-1", "stage-2", date(2026, 3, 16)),
                opened("birmingham", "stage-2", date(2026, 3, 16), date(2026, 3, 19)));
    }

    @Test
    void birminghamsEarlyReferralRunsAlongsideTheEscalationAndIsMadeOnce() {
        Walk walk = birminghamAtStageTwo()
                .on(date(2026, 3, 17))
                .then(referToCafcass(null), referred("stage-2", null, Effect.CONTINUES_ALONGSIDE, date(2026, 3, 17)))
                .rejects(referToCafcass(null), DisputeRule.CAFCASS_ALREADY_REFERRED)
                .then(escalate("stage-2"), escalated("stage-2", "stage-3", date(2026, 3, 17)),
                        opened("birmingham", "stage-3", date(2026, 3, 17), date(2026, 3, 20)));
        assertThat(walk.state().status()).isEqualTo(DisputeStatus.OPEN);
        assertThat(walk.state().isReferredToCafcass()).isTrue();
    }

    @Test
    void durhamRefersToCafcassOnlyFromItsLastStage() {
        Walk.startingOn(date(2026, 3, 2))
                .given(raised("durham", Track.FORMAL, date(2026, 3, 2), null),
                        formalStarted("stage-6", date(2026, 3, 2), date(2026, 3, 25), date(2026, 3, 30)),
                        opened("durham", "stage-6", date(2026, 3, 2), date(2026, 3, 3)))
                .rejects(referToCafcass(null), DisputeRule.CAFCASS_ONLY_AT_LAST_STAGE)
                .on(date(2026, 3, 4))
                .then(escalate("stage-6"), escalated("stage-6", "stage-7", date(2026, 3, 4)),
                        opened("durham", "stage-7", date(2026, 3, 4), date(2026, 3, 5)))
                .then(referToCafcass(null), referred("stage-7", null, Effect.CONTINUES_ALONGSIDE, date(2026, 3, 4)));
    }

    @Test
    void wakefieldMayReferFromTheInformalStageAfterConsultation() {
        Walk.startingOn(date(2026, 3, 2))
                .then(raiseInformally("wakefield"), raised("wakefield", Track.INFORMAL, date(2026, 3, 2), null),
                        opened("wakefield", "informal", date(2026, 3, 2), date(2026, 3, 23)))
                .then(referToCafcass(IRO_MANAGER),
                        referred("informal", IRO_MANAGER, Effect.CONTINUES_ALONGSIDE, date(2026, 3, 2)));
    }

    @Test
    void meetingsLegalAdviceAndTellingTheChildAreRecordedButNeverDatedInTheFuture() {
        var meeting = new RecordDisputeResolutionMeeting(DISPUTE, date(2026, 3, 17), Set.of(Role.IRO, Role.SENIOR_MANAGER,
                Role.TEAM_MANAGER), MeetingOutcome.ACTIONS_AGREED, "Placement search widened.", IRO);
        var futureMeeting = new RecordDisputeResolutionMeeting(DISPUTE, date(2026, 3, 19), Set.of(Role.IRO),
                MeetingOutcome.RESOLVED, "", IRO);
        birminghamAtStageTwo()
                .on(date(2026, 3, 18))
                .then(meeting, new DisputeResolutionMeetingRecorded(DISPUTE, stage("stage-2"), date(2026, 3, 17),
                        Set.of(Role.IRO, Role.SENIOR_MANAGER, Role.TEAM_MANAGER), MeetingOutcome.ACTIONS_AGREED,
                        "Placement search widened.", IRO, date(2026, 3, 18)))
                .rejects(futureMeeting, DisputeRule.DATE_IN_FUTURE)
                .then(new RequestIndependentLegalAdvice(DISPUTE, "Conflict with the council's own lawyers.", IRO),
                        new IndependentLegalAdviceRequested(DISPUTE, "Conflict with the council's own lawyers.", IRO,
                                date(2026, 3, 18)))
                .rejects(new RecordChildInformed(DISPUTE, date(2026, 3, 20), "visit", IRO), DisputeRule.DATE_IN_FUTURE)
                .then(new RecordChildInformed(DISPUTE, date(2026, 3, 17), "At the review, with an advocate.", IRO),
                        new ChildInformed(DISPUTE, date(2026, 3, 17), "At the review, with an advocate.", IRO,
                                date(2026, 3, 18)));
    }
}
