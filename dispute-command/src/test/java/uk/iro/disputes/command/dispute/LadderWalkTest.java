package uk.iro.disputes.command.dispute;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.command.dispute.Disputes.*;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.command.RecordDisputeResolutionMeeting;
import uk.iro.disputes.kernel.command.RecordStageOverdue;
import uk.iro.disputes.kernel.command.RecordStatutoryTimescaleBreached;
import uk.iro.disputes.kernel.command.ResolveDispute;
import uk.iro.disputes.kernel.dispute.DisputeStatus;
import uk.iro.disputes.kernel.dispute.MeetingOutcome;
import uk.iro.disputes.kernel.dispute.MonitoringNextStep;
import uk.iro.disputes.kernel.dispute.ProgressRating;
import uk.iro.disputes.kernel.dispute.ResolutionOutcome;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.event.DisputeRaised;
import uk.iro.disputes.kernel.event.DisputeResolutionMeetingRecorded;
import uk.iro.disputes.kernel.event.DisputeResolved;
import uk.iro.disputes.kernel.event.StageOverdue;
import uk.iro.disputes.kernel.event.StatutoryTimescaleBreached;
import uk.iro.disputes.kernel.policy.CafcassRule.Effect;
import uk.iro.disputes.kernel.rule.DisputeRule;

/**
 * One walk per source procedure, as its document describes the ladder. Dates are worked out by hand from the
 * England and Wales calendar: March 2026 has no bank holidays; Good Friday is 3 April 2026 and Easter Monday
 * 6 April 2026.
 */
class LadderWalkTest {

    /** 000: informal first, then straight to the Corporate Director after consulting the IRO Team Manager. */
    @Test
    void wakefieldBypassesToCorporateDirectorAfterConsultationThenRefersToCafcassAlongside() {
        String wakefield = "wakefield";
        Walk walk = Walk.startingOn(date(2026, 3, 2))
                .then(raiseInformally(wakefield),
                        raised(wakefield, Track.INFORMAL, date(2026, 3, 2), null),
                        opened(wakefield, "informal", date(2026, 3, 2), date(2026, 3, 23)))
                .on(date(2026, 3, 4))
                .rejects(escalate("informal", "stage-3", null), DisputeRule.CONSULTATION_REQUIRED)
                .then(escalate("informal", "stage-3", IRO_MANAGER),
                        escalated("informal", "stage-3", List.of("stage-1", "stage-2"), IRO_MANAGER, date(2026, 3, 4)),
                        formalStarted("stage-3", date(2026, 3, 4), date(2026, 4, 1), date(2026, 4, 1)),
                        opened(wakefield, "stage-3", date(2026, 3, 4), date(2026, 3, 11)))
                .on(date(2026, 3, 10))
                .then(respond("stage-3", SENIOR_MANAGER), responded("stage-3", SENIOR_MANAGER, date(2026, 3, 10)))
                .on(date(2026, 3, 12))
                .then(escalate("stage-3"),
                        escalated("stage-3", "stage-4", date(2026, 3, 12)),
                        opened(wakefield, "stage-4", date(2026, 3, 12), date(2026, 3, 19)))
                .rejects(escalate("stage-4"), DisputeRule.NO_STAGE_BEYOND_LAST)
                .on(date(2026, 3, 19))
                .then(new RecordStageOverdue(DISPUTE, stage("stage-4"), date(2026, 3, 19)))
                .on(date(2026, 3, 20))
                .then(new RecordStageOverdue(DISPUTE, stage("stage-4"), date(2026, 3, 19)),
                        new StageOverdue(DISPUTE, stage("stage-4"), date(2026, 3, 19), date(2026, 3, 20)))
                .then(new RecordStageOverdue(DISPUTE, stage("stage-4"), date(2026, 3, 19)))
                .rejects(referToCafcass(null), DisputeRule.CONSULTATION_REQUIRED)
                .then(referToCafcass(IRO_MANAGER),
                        referred("stage-4", IRO_MANAGER, Effect.CONTINUES_ALONGSIDE, date(2026, 3, 20)))
                .on(date(2026, 3, 23))
                .then(respond("stage-4", SENIOR_MANAGER), responded("stage-4", SENIOR_MANAGER, date(2026, 3, 23)))
                .on(date(2026, 3, 24))
                .then(resolve(), resolved("stage-4", date(2026, 3, 24), null))
                .then(close(IRO), closed(IRO, date(2026, 3, 24)));

        assertThat(walk.state().status()).isEqualTo(DisputeStatus.CLOSED);
        assertThat(walk.state().stages()).extracting(s -> s.key().value())
                .containsExactly("informal", "stage-3", "stage-4");
        assertThat(walk.state().cafcassReferral().effect()).isEqualTo(Effect.CONTINUES_ALONGSIDE);
    }

    /** 001: Team Manager 10 days, Head of Service 3, Assistant Director 3, Director of Practice by day 20. */
    @Test
    void birminghamClimbsToDirectorOfPracticeByDayTwentyAndIsClosedByTheCafcassReferral() {
        String birmingham = "birmingham";
        Walk walk = Walk.startingOn(date(2026, 3, 2))
                .then(raiseInformally(birmingham),
                        raised(birmingham, Track.INFORMAL, date(2026, 3, 2), null),
                        opened(birmingham, "informal", date(2026, 3, 2), null))
                .on(date(2026, 3, 9))
                .rejects(escalate("informal"), DisputeRule.CONSULTATION_REQUIRED)
                .then(escalate("informal", null, IRO_MANAGER),
                        escalated("informal", "stage-1", List.of(), IRO_MANAGER, date(2026, 3, 9)),
                        formalStarted("stage-1", date(2026, 3, 9), date(2026, 4, 8), date(2026, 4, 8)),
                        opened(birmingham, "stage-1", date(2026, 3, 9), date(2026, 3, 23)))
                .on(date(2026, 3, 20))
                .rejects(respond("stage-1", SENIOR_MANAGER), DisputeRule.RESPONDENT_NOT_ASSIGNEE)
                .then(respond("stage-1", TEAM_MANAGER), responded("stage-1", TEAM_MANAGER, date(2026, 3, 20)))
                .on(date(2026, 3, 23))
                .rejects(escalate("stage-1", "stage-3", IRO_MANAGER), DisputeRule.BYPASS_NOT_ALLOWED)
                .then(escalate("stage-1"),
                        escalated("stage-1", "stage-2", date(2026, 3, 23)),
                        opened(birmingham, "stage-2", date(2026, 3, 23), date(2026, 3, 26)))
                .on(date(2026, 3, 27))
                .then(escalate("stage-2"),
                        escalated("stage-2", "stage-3", date(2026, 3, 27)),
                        opened(birmingham, "stage-3", date(2026, 3, 27), date(2026, 4, 1)))
                .on(date(2026, 4, 2))
                .then(escalate("stage-3"),
                        escalated("stage-3", "stage-4", date(2026, 4, 2)),
                        opened(birmingham, "stage-4", date(2026, 4, 2), date(2026, 4, 8)))
                .on(date(2026, 4, 9))
                .then(referToCafcass(null),
                        referred("stage-4", null, Effect.CLOSES_ESCALATION, date(2026, 4, 9)),
                        resolvedByCafcassReferral("stage-4", date(2026, 4, 9)))
                .rejects(escalate("stage-4"), DisputeRule.DISPUTE_NOT_OPEN)
                .on(date(2026, 4, 10))
                .then(close(IRO_MANAGER), closed(IRO_MANAGER, date(2026, 4, 10)));

        assertThat(walk.state().resolution().outcome()).isEqualTo(ResolutionOutcome.REFERRED_TO_CAFCASS);
        assertThat(walk.state().stages()).extracting(s -> s.dueDate())
                .containsExactly(null, date(2026, 3, 23), date(2026, 3, 26), date(2026, 4, 1), date(2026, 4, 8));
    }

    /**
     * 002 (Care First): five rungs of five days, the Chief Executive with none; the record goes back to the IRO
     * after each response and only the IRO authorises it.
     */
    @Test
    void careFirstLadderRunsPastTwentyDaysToTheChiefExecutiveAndOnlyItsIroAuthorisesTheRecord() {
        String ladder = "group-manager-ladder";
        Walk walk = Walk.startingOn(date(2026, 3, 2))
                .rejects(raiseInformally(ladder), DisputeRule.TRACK_NOT_OFFERED)
                .then(raiseFormally(ladder, null),
                        raised(ladder, Track.FORMAL, date(2026, 3, 2), null),
                        formalStarted("stage-1", date(2026, 3, 2), date(2026, 3, 30), date(2026, 3, 30)),
                        opened(ladder, "stage-1", date(2026, 3, 2), date(2026, 3, 9)))
                .on(date(2026, 3, 6))
                .then(respond("stage-1", TEAM_MANAGER), responded("stage-1", TEAM_MANAGER, date(2026, 3, 6)));
        assertThat(walk.state().currentStage().orElseThrow().isAnswered())
                .as("after the response the record is back with the IRO").isTrue();

        walk.on(date(2026, 3, 9))
                .then(escalate("stage-1"),
                        escalated("stage-1", "stage-2", date(2026, 3, 9)),
                        opened(ladder, "stage-2", date(2026, 3, 9), date(2026, 3, 16)))
                .on(date(2026, 3, 16))
                .then(escalate("stage-2"),
                        escalated("stage-2", "stage-3", date(2026, 3, 16)),
                        opened(ladder, "stage-3", date(2026, 3, 16), date(2026, 3, 23)))
                .on(date(2026, 3, 23))
                .then(escalate("stage-3"),
                        escalated("stage-3", "stage-4", date(2026, 3, 23)),
                        opened(ladder, "stage-4", date(2026, 3, 23), date(2026, 3, 30)))
                .rejects(referToCafcass(null), DisputeRule.CAFCASS_ONLY_AT_LAST_STAGE)
                .on(date(2026, 3, 30))
                .then(new RecordStatutoryTimescaleBreached(DISPUTE))
                .then(escalate("stage-4"),
                        escalated("stage-4", "stage-5", date(2026, 3, 30)),
                        opened(ladder, "stage-5", date(2026, 3, 30), date(2026, 4, 8)))
                .on(date(2026, 3, 31))
                .then(new RecordStatutoryTimescaleBreached(DISPUTE),
                        new StatutoryTimescaleBreached(DISPUTE, date(2026, 3, 30), date(2026, 3, 31)))
                .then(new RecordStatutoryTimescaleBreached(DISPUTE))
                .on(date(2026, 4, 8))
                .then(escalate("stage-5"),
                        escalated("stage-5", "stage-6", date(2026, 4, 8)),
                        opened(ladder, "stage-6", date(2026, 4, 8), null))
                .on(date(2026, 6, 1))
                .then(new RecordStageOverdue(DISPUTE, stage("stage-6"), date(2026, 4, 8)))
                .on(date(2026, 4, 9))
                .then(referToCafcass(null), referred("stage-6", null, Effect.CONTINUES_ALONGSIDE, date(2026, 4, 9)))
                .on(date(2026, 4, 10))
                .then(respond("stage-6", SENIOR_MANAGER), responded("stage-6", SENIOR_MANAGER, date(2026, 4, 10)))
                .on(date(2026, 4, 13))
                .then(resolve(), resolved("stage-6", date(2026, 4, 13), null))
                .rejects(close(IRO_MANAGER), DisputeRule.CLOSURE_NOT_AUTHORISED)
                .rejects(close(ANOTHER_IRO), DisputeRule.CLOSURE_NOT_AUTHORISED)
                .then(close(IRO), closed(IRO, date(2026, 4, 13)))
                .rejects(new uk.iro.disputes.kernel.command.RecordChildInformed(DISPUTE, date(2026, 4, 13), "visit", IRO),
                        DisputeRule.DISPUTE_CLOSED);

        assertThat(walk.state().timescaleBreachedOn()).isEqualTo(date(2026, 3, 31));
        assertThat(walk.state().stages()).hasSize(6);
    }

    /** 003: informal with a Red/Amber/Green judgement, operations manager then service-manager meeting, Head of Service decides. */
    @Test
    void warwickshireTwoStageLadderEndsInTheHeadOfServiceDecision() {
        String warwickshire = "warwickshire";
        var raiseAmber = new uk.iro.disputes.kernel.command.RaiseDispute(DISPUTE, warwickshire, CHILD, TEAM, IRO,
                Track.INFORMAL, null, CATEGORIES, CONCERN, DESIRED_OUTCOME, null, null, ProgressRating.AMBER, null);
        var raisedAmber = new DisputeRaised(DISPUTE, v1(warwickshire), CHILD, TEAM, IRO, Track.INFORMAL, CATEGORIES,
                CONCERN, DESIRED_OUTCOME, null, ProgressRating.AMBER, date(2026, 3, 2), null);
        var meeting = new RecordDisputeResolutionMeeting(DISPUTE, date(2026, 3, 16),
                Set.of(Role.IRO, Role.SENIOR_MANAGER), MeetingOutcome.NOT_RESOLVED, "No agreement on placement.",
                SENIOR_MANAGER);
        var decision = new ResolveDispute(DISPUTE, ResolutionOutcome.MANAGEMENT_DECISION,
                "Head of Service decision accepted.", PLANNED, IRO);

        Walk walk = Walk.startingOn(date(2026, 3, 2))
                .then(raiseAmber, raisedAmber, opened(warwickshire, "informal", date(2026, 3, 2), null))
                .on(date(2026, 3, 4))
                .then(escalate("informal"),
                        escalated("informal", "stage-1", date(2026, 3, 4)),
                        formalStarted("stage-1", date(2026, 3, 4), date(2026, 4, 1), date(2026, 4, 1)),
                        opened(warwickshire, "stage-1", date(2026, 3, 4), date(2026, 3, 11)))
                .on(date(2026, 3, 10))
                .then(respond("stage-1", SENIOR_MANAGER), responded("stage-1", SENIOR_MANAGER, date(2026, 3, 10)))
                .on(date(2026, 3, 16))
                .then(meeting, new DisputeResolutionMeetingRecorded(DISPUTE, stage("stage-1"), date(2026, 3, 16),
                        Set.of(Role.IRO, Role.SENIOR_MANAGER), MeetingOutcome.NOT_RESOLVED, "No agreement on placement.",
                        SENIOR_MANAGER, date(2026, 3, 16)))
                .on(date(2026, 3, 17))
                .then(escalate("stage-1"),
                        escalated("stage-1", "stage-2", date(2026, 3, 17)),
                        opened(warwickshire, "stage-2", date(2026, 3, 17), date(2026, 3, 24)))
                .rejects(escalate("stage-2"), DisputeRule.NO_STAGE_BEYOND_LAST)
                .on(date(2026, 3, 23))
                .then(respond("stage-2", SENIOR_MANAGER), responded("stage-2", SENIOR_MANAGER, date(2026, 3, 23)))
                .on(date(2026, 3, 24))
                .then(decision, new DisputeResolved(DISPUTE, ResolutionOutcome.MANAGEMENT_DECISION,
                        "Head of Service decision accepted.", PLANNED, stage("stage-2"), IRO, date(2026, 3, 24), null))
                .then(close(IRO), closed(IRO, date(2026, 3, 24)));

        assertThat(walk.state().meetings()).hasSize(1);
        assertThat(walk.state().stages()).extracting(s -> s.key().value())
                .containsExactly("informal", "stage-1", "stage-2");
    }

    /**
     * 004: the IRO starts at the Operations Manager, agrees an extension for the child's benefit, and the
     * monitoring meeting ten working days after resolution finds the actions not achieved.
     */
    @Test
    void durhamStartsAtChosenStageExtendsAndReopensOnAFailedMonitoringMeeting() {
        String durham = "durham";
        Walk walk = Walk.startingOn(date(2026, 3, 2))
                .then(raise(durham, Track.FORMAL, "stage-3", null),
                        raised(durham, Track.FORMAL, date(2026, 3, 2), null),
                        formalStarted("stage-3", date(2026, 3, 2), date(2026, 3, 25), date(2026, 3, 30)),
                        opened(durham, "stage-3", date(2026, 3, 2), date(2026, 3, 9)))
                .on(date(2026, 3, 6))
                .rejects(extend("stage-3", date(2026, 3, 11), " ", IRO), DisputeRule.BENEFIT_TO_CHILD_REQUIRED)
                .rejects(extend("stage-3", date(2026, 3, 11), "Assessment report due 10 March.", IRO_MANAGER),
                        DisputeRule.EXTENSION_NOT_AGREED_BY_ROLE)
                .then(extend("stage-3", date(2026, 3, 11), "Assessment report due 10 March.", IRO),
                        extended("stage-3", date(2026, 3, 9), date(2026, 3, 11), "Assessment report due 10 March.",
                                IRO, date(2026, 3, 6)))
                .on(date(2026, 3, 10))
                .then(new RecordStageOverdue(DISPUTE, stage("stage-3"), date(2026, 3, 9)))
                .on(date(2026, 3, 11))
                .then(respond("stage-3", SENIOR_MANAGER), responded("stage-3", SENIOR_MANAGER, date(2026, 3, 11)))
                .on(date(2026, 3, 12))
                .rejects(escalate("stage-3", "stage-5", null), DisputeRule.BYPASS_NOT_ALLOWED)
                .then(escalate("stage-3"),
                        escalated("stage-3", "stage-4", date(2026, 3, 12)),
                        opened(durham, "stage-4", date(2026, 3, 12), date(2026, 3, 19)))
                .on(date(2026, 3, 18))
                .then(respond("stage-4", SENIOR_MANAGER), responded("stage-4", SENIOR_MANAGER, date(2026, 3, 18)))
                .on(date(2026, 3, 19))
                .then(resolve(), resolved("stage-4", date(2026, 3, 19), date(2026, 4, 2)))
                .rejects(close(IRO), DisputeRule.MONITORING_OUTSTANDING)
                .on(date(2026, 4, 2))
                .then(monitoringNotAchieved(MonitoringNextStep.ESCALATE),
                        monitoringRecordedNotAchieved(MonitoringNextStep.ESCALATE, date(2026, 4, 2)),
                        reopened("stage-4", date(2026, 4, 2)),
                        new uk.iro.disputes.kernel.event.DisputeEscalated(DISPUTE, stage("stage-4"), stage("stage-5"),
                                List.of(), "agreed actions not achieved at monitoring", IRO, null, date(2026, 4, 2)),
                        opened(durham, "stage-5", date(2026, 4, 2), date(2026, 4, 13)))
                .on(date(2026, 4, 10))
                .then(respond("stage-5", SENIOR_MANAGER), responded("stage-5", SENIOR_MANAGER, date(2026, 4, 10)))
                .on(date(2026, 4, 13))
                .then(resolve(), resolved("stage-5", date(2026, 4, 13), date(2026, 4, 27)))
                .on(date(2026, 4, 27))
                .then(monitoringAchieved(), monitoringRecordedAchieved(date(2026, 4, 27)))
                .on(date(2026, 4, 28))
                .then(close(IRO), closed(IRO, date(2026, 4, 28)));

        assertThat(walk.state().reopenings()).isEqualTo(1);
        assertThat(walk.state().stages()).extracting(s -> s.key().value())
                .containsExactly("stage-3", "stage-4", "stage-5");
        assertThat(walk.state().stages().get(0).extensions()).isEqualTo(1);
    }

    /** 004 section 7: a concern about immediate safety runs on one-day stages, with the written record in two. */
    @Test
    void durhamImmediateConcernRunsOnOneDayStages() {
        String durham = "durham";
        var raisedImmediate = new DisputeRaised(DISPUTE, v1(durham), CHILD, TEAM, IRO, Track.IMMEDIATE_CONCERN,
                CATEGORIES, CONCERN, DESIRED_OUTCOME, null, null, date(2026, 3, 6), date(2026, 3, 10));
        Walk.startingOn(date(2026, 3, 6))
                .rejects(raise(durham, Track.IMMEDIATE_CONCERN, "stage-6", null), DisputeRule.STARTING_STAGE_NOT_CHOOSABLE)
                .then(raise(durham, Track.IMMEDIATE_CONCERN, null, null),
                        raisedImmediate,
                        formalStarted("stage-3", date(2026, 3, 6), date(2026, 3, 31), date(2026, 4, 7)),
                        opened(durham, "stage-3", date(2026, 3, 6), date(2026, 3, 9)))
                .on(date(2026, 3, 9))
                .then(escalate("stage-3"),
                        escalated("stage-3", "stage-4", date(2026, 3, 9)),
                        opened(durham, "stage-4", date(2026, 3, 9), date(2026, 3, 10)))
                .then(escalate("stage-4"),
                        escalated("stage-4", "stage-5", date(2026, 3, 9)),
                        opened(durham, "stage-5", date(2026, 3, 9), date(2026, 3, 10)))
                .then(escalate("stage-5"),
                        escalated("stage-5", "stage-6", date(2026, 3, 9)),
                        opened(durham, "stage-6", date(2026, 3, 9), date(2026, 3, 10)));
    }
}
