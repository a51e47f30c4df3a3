package uk.iro.disputes.command.dispute;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.command.dispute.Disputes.*;
import static uk.iro.disputes.command.dispute.Violates.violates;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.command.ExtendStageTimescale;
import uk.iro.disputes.kernel.command.RaiseDispute;
import uk.iro.disputes.kernel.command.ReferToCafcass;
import uk.iro.disputes.kernel.dispute.ChildStatus;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.event.DisputeRaised;
import uk.iro.disputes.kernel.event.ReferredToCafcass;
import uk.iro.disputes.kernel.event.StageTimescaleExtended;
import uk.iro.disputes.kernel.policy.CafcassRule;
import uk.iro.disputes.kernel.rule.DisputeRule;

/**
 * Child-protection conference chairs use the same process (Durham's procedure serves both): they raise and own
 * child-protection disputes as an IRO does, under policies that apply to child protection, and CAFCASS referral
 * stays the IRO's power for looked-after children.
 */
class ChildProtectionTest {
    static final StaffReference CHAIR = StaffReference.of("cpc-4", Role.CP_CHAIR);
    static final StaffReference ANOTHER_CHAIR = StaffReference.of("cpc-5", Role.CP_CHAIR);
    static final MovableClock CLOCK = new MovableClock(date(2026, 3, 2));

    static RaiseDispute raise(String policy, StaffReference by, StaffReference owner, ChildStatus status) {
        return new RaiseDispute(DISPUTE, policy, CHILD, TEAM, by, Track.FORMAL, stage("stage-2"), CATEGORIES, CONCERN,
                DESIRED_OUTCOME, null, null, null, owner, status);
    }

    static DisputeRaised raisedBy(StaffReference owner, ChildStatus status) {
        return new DisputeRaised(DISPUTE, v1("durham"), CHILD, TEAM, owner, Track.FORMAL, CATEGORIES, CONCERN,
                DESIRED_OUTCOME, null, null, date(2026, 3, 2), null, status);
    }

    static void raises(RaiseDispute command, StaffReference owner, ChildStatus status) {
        fixture(CLOCK).givenNoPriorActivity().when(command).expectSuccessfulHandlerExecution()
                .expectState(dispute -> {
                    assertThat(dispute.state().iro()).isEqualTo(owner);
                    assertThat(dispute.state().childStatus()).isEqualTo(status);
                });
    }

    static void refuses(RaiseDispute command, DisputeRule rule) {
        fixture(CLOCK).givenNoPriorActivity().when(command).expectNoEvents().expectException(violates(rule));
    }

    @Test
    void aCpChairRaisesAChildProtectionDisputeAndOwnsIt() {
        raises(raise("durham", CHAIR, null, null), CHAIR, ChildStatus.CHILD_PROTECTION);
        raises(raise("durham", CHAIR, null, ChildStatus.CHILD_PROTECTION), CHAIR, ChildStatus.CHILD_PROTECTION);
        raises(raise("durham", IRO_MANAGER, CHAIR, null), CHAIR, ChildStatus.CHILD_PROTECTION);
    }

    @Test
    void anIroStillRaisesLookedAfterDisputesByDefaultAndMayRaiseAChildProtectionOneWhereThePolicyServesIt() {
        raises(raise("durham", IRO, null, null), IRO, ChildStatus.LOOKED_AFTER);
        raises(raise("durham", IRO, null, ChildStatus.CHILD_PROTECTION), IRO, ChildStatus.CHILD_PROTECTION);
    }

    @Test
    void aCpChairDoesNotRaiseALookedAfterChildsDispute() {
        refuses(raise("durham", CHAIR, null, ChildStatus.LOOKED_AFTER), DisputeRule.RAISER_NOT_IRO);
        refuses(raise("durham", IRO_MANAGER, CHAIR, ChildStatus.LOOKED_AFTER), DisputeRule.RAISER_NOT_IRO);
        refuses(raise("durham", CHAIR, ANOTHER_CHAIR, null), DisputeRule.RAISER_NOT_IRO);
        refuses(raise("durham", StaffReference.of("tm-1", Role.TEAM_MANAGER), null, ChildStatus.CHILD_PROTECTION),
                DisputeRule.RAISER_NOT_IRO);
    }

    @Test
    void aPolicyServesOnlyTheChildrenItAppliesTo() {
        refuses(new RaiseDispute(DISPUTE, "wakefield", CHILD, TEAM, CHAIR, Track.INFORMAL, null, CATEGORIES, CONCERN,
                DESIRED_OUTCOME, null, null, null, null, null), DisputeRule.POLICY_NOT_FOR_CHILD_STATUS);
        refuses(new RaiseDispute(DISPUTE, "birmingham", CHILD, TEAM, IRO, Track.INFORMAL, null, CATEGORIES, CONCERN,
                DESIRED_OUTCOME, null, null, null, null, ChildStatus.CHILD_PROTECTION),
                DisputeRule.POLICY_NOT_FOR_CHILD_STATUS);
    }

    /** Durham, formal at stage 2 (Team Manager, 4 working days), raised by {@code owner}. */
    static Walk atStageTwo(StaffReference owner, ChildStatus status) {
        return Walk.startingOn(date(2026, 3, 3)).given(raisedBy(owner, status),
                formalStarted("stage-2", date(2026, 3, 2), date(2026, 3, 25), date(2026, 3, 30)),
                opened("durham", "stage-2", date(2026, 3, 2), date(2026, 3, 6)));
    }

    @Test
    void theChairActsOnTheDisputesTheyRaisedAsTheIroDoesAndNobodyElsesAsIro() {
        LocalDate later = date(2026, 3, 10);
        atStageTwo(CHAIR, ChildStatus.CHILD_PROTECTION)
                .rejects(new ExtendStageTimescale(DISPUTE, stage("stage-2"), later, "Conference first.", ANOTHER_CHAIR),
                        DisputeRule.NOT_THE_DISPUTES_IRO)
                .rejects(new ExtendStageTimescale(DISPUTE, stage("stage-2"), later, "Conference first.", IRO),
                        DisputeRule.NOT_THE_DISPUTES_IRO)
                // Durham lets the IRO agree an extension: the chair stands in the IRO's place
                .then(new ExtendStageTimescale(DISPUTE, stage("stage-2"), later, "Conference first.", CHAIR),
                        new StageTimescaleExtended(DISPUTE, stage("stage-2"), date(2026, 3, 6), later,
                                "Conference first.", CHAIR, date(2026, 3, 3)))
                .then(new uk.iro.disputes.kernel.command.Escalate(DISPUTE, stage("stage-2"), null, REASON, CHAIR, null, null), escalatedBy(CHAIR, "stage-2", "stage-3", date(2026, 3, 3)),
                        opened("durham", "stage-3", date(2026, 3, 3), date(2026, 3, 10)));
        atStageTwo(IRO, ChildStatus.LOOKED_AFTER)
                .rejects(new uk.iro.disputes.kernel.command.Escalate(DISPUTE, stage("stage-2"), null, REASON, CHAIR, null, null), DisputeRule.NOT_THE_DISPUTES_IRO);
    }

    /** Durham refers to CAFCASS at its last stage, stage 7. */
    static Walk atLastStage(StaffReference owner, ChildStatus status) {
        return Walk.startingOn(date(2026, 3, 3)).given(raisedBy(owner, status),
                formalStarted("stage-7", date(2026, 3, 2), date(2026, 3, 25), date(2026, 3, 30)),
                opened("durham", "stage-7", date(2026, 3, 2), date(2026, 3, 3)));
    }

    @Test
    void cafcassReferralIsForLookedAfterChildrenOnly() {
        atLastStage(CHAIR, ChildStatus.CHILD_PROTECTION)
                .rejects(new ReferToCafcass(DISPUTE, "r", CHAIR, null), DisputeRule.CAFCASS_ONLY_FOR_LOOKED_AFTER_CHILDREN)
                .rejects(new ReferToCafcass(DISPUTE, "r", IRO_MANAGER, null),
                        DisputeRule.CAFCASS_ONLY_FOR_LOOKED_AFTER_CHILDREN);
        atLastStage(IRO, ChildStatus.CHILD_PROTECTION)
                .rejects(new ReferToCafcass(DISPUTE, "r", IRO, null), DisputeRule.CAFCASS_ONLY_FOR_LOOKED_AFTER_CHILDREN);
        atLastStage(IRO, ChildStatus.LOOKED_AFTER)
                .then(new ReferToCafcass(DISPUTE, "r", IRO, null), new ReferredToCafcass(DISPUTE, stage("stage-7"), "r",
                        IRO, null, CafcassRule.Effect.CONTINUES_ALONGSIDE, date(2026, 3, 3)));
    }

    static uk.iro.disputes.kernel.event.DisputeEscalated escalatedBy(StaffReference by, String from, String to,
            LocalDate on) {
        return new uk.iro.disputes.kernel.event.DisputeEscalated(DISPUTE, stage(from), stage(to), List.of(), REASON,
                by, null, on);
    }
}
