package uk.iro.disputes.command.dispute;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.command.dispute.Disputes.*;

import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.command.RecordStageOverdue;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.event.StageOverdue;
import uk.iro.disputes.kernel.rule.DisputeRule;

class ExtendingTimescaleTest {

    private static Walk testLadderAtStageOne() {
        return Walk.startingOn(date(2026, 3, 2), WITH_TEST_LADDER).given(
                raised("test-ladder", Track.FORMAL, date(2026, 3, 2), null),
                formalStarted("stage-1", date(2026, 3, 2), null, date(2026, 3, 30)),
                opened("test-ladder", "stage-1", date(2026, 3, 2), date(2026, 3, 9)));
    }

    @Test
    void anExtensionIsRefusedWhereThePolicyHasNone() {
        Walk.startingOn(date(2026, 3, 4))
                .given(raised("wakefield", Track.FORMAL, date(2026, 3, 2), IRO_MANAGER),
                        formalStarted("stage-1", date(2026, 3, 2), date(2026, 3, 30), date(2026, 3, 30)),
                        opened("wakefield", "stage-1", date(2026, 3, 2), date(2026, 3, 9)))
                .rejects(extend("stage-1", date(2026, 3, 11), "Report pending.", IRO), DisputeRule.EXTENSION_NOT_ALLOWED);
    }

    @Test
    void anExtensionMovesTheDueDateLaterWithinThePolicysCap() {
        testLadderAtStageOne()
                .on(date(2026, 3, 4))
                .rejects(extend("stage-1", date(2026, 3, 9), "", IRO), DisputeRule.EXTENSION_MUST_MOVE_LATER)
                .rejects(extend("stage-1", date(2026, 3, 6), "", IRO), DisputeRule.EXTENSION_MUST_MOVE_LATER)
                .rejects(extend("stage-1", date(2026, 3, 17), "", IRO), DisputeRule.EXTENSION_TOO_LONG)
                .rejects(extend("stage-2", date(2026, 3, 16), "", IRO), DisputeRule.STAGE_NOT_CURRENT)
                .then(extend("stage-1", date(2026, 3, 16), "", IRO_MANAGER),
                        extended("stage-1", date(2026, 3, 9), date(2026, 3, 16), "", IRO_MANAGER, date(2026, 3, 4)));
    }

    @Test
    void anExtendedStageBecomesOverdueOnlyAgainstItsNewDueDate() {
        Walk walk = testLadderAtStageOne()
                .on(date(2026, 3, 10))
                .then(new RecordStageOverdue(DISPUTE, stage("stage-1"), date(2026, 3, 9)),
                        new StageOverdue(DISPUTE, stage("stage-1"), date(2026, 3, 9), date(2026, 3, 10)))
                .then(extend("stage-1", date(2026, 3, 12), "", IRO),
                        extended("stage-1", date(2026, 3, 9), date(2026, 3, 12), "", IRO, date(2026, 3, 10)));
        assertThat(walk.state().isOverdueOn(date(2026, 3, 10))).isFalse();
        walk.on(date(2026, 3, 13))
                .then(new RecordStageOverdue(DISPUTE, stage("stage-1"), date(2026, 3, 9)))
                .then(new RecordStageOverdue(DISPUTE, stage("stage-1"), date(2026, 3, 12)),
                        new StageOverdue(DISPUTE, stage("stage-1"), date(2026, 3, 12), date(2026, 3, 13)));
        assertThat(walk.state().isOverdueOn(date(2026, 3, 13))).isTrue();
    }

    @Test
    void anAnsweredStageOrOneWithNoTimescaleIsNotExtended() {
        testLadderAtStageOne()
                .on(date(2026, 3, 5))
                .then(respond("stage-1", TEAM_MANAGER), responded("stage-1", TEAM_MANAGER, date(2026, 3, 5)))
                .rejects(extend("stage-1", date(2026, 3, 12), "", IRO), DisputeRule.STAGE_ALREADY_ANSWERED)
                .then(escalate("stage-1"),
                        escalated("stage-1", "stage-2", date(2026, 3, 5)),
                        opened("test-ladder", "stage-2", date(2026, 3, 5), null))
                .rejects(extend("stage-2", date(2026, 3, 12), "", IRO), DisputeRule.STAGE_HAS_NO_TIMESCALE);
    }
}
