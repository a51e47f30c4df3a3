package uk.iro.disputes.kernel.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.dispute.ChildReference;
import uk.iro.disputes.kernel.dispute.ChildStatus;
import uk.iro.disputes.kernel.dispute.ConcernCategory;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.event.DisputeEscalated;
import uk.iro.disputes.kernel.event.DisputeRaised;
import uk.iro.disputes.kernel.event.StageAcknowledged;
import uk.iro.disputes.kernel.event.StageOpened;
import uk.iro.disputes.kernel.event.StageResponseRecorded;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeAcknowledged;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeId;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeRecorded;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeState;
import uk.iro.disputes.kernel.policy.PolicyRef;
import uk.iro.disputes.kernel.policy.StageKey;

/** The fold's share of issue 9: child status, stage acknowledgement, and the good-practice alert's own fold. */
class CouncilsStateTest {
    static final DisputeId ID = DisputeId.of("d-1");
    static final StaffReference IRO = StaffReference.of("iro-1", Role.IRO);
    static final StaffReference TM = StaffReference.of("tm-1", Role.TEAM_MANAGER);
    static final StageKey ONE = StageKey.of("stage-1");
    static final StageKey TWO = StageKey.of("stage-2");
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static LocalDate d(int month, int day) {
        return LocalDate.of(2026, month, day);
    }

    static DisputeRaised raised(ChildStatus status) {
        return new DisputeRaised(ID, new PolicyRef("durham", 1), ChildReference.of("C1"), "Team A", IRO, Track.FORMAL,
                Set.of(ConcernCategory.HEALTH), "c", "o", null, null, d(3, 2), null, status);
    }

    @Test
    void aStoredDisputeRaisedWithoutAChildStatusIsALookedAfterChildsAndStaysReadable() throws Exception {
        ObjectNode stored = JSON.valueToTree(raised(ChildStatus.LOOKED_AFTER));
        stored.remove("childStatus");
        DisputeRaised read = JSON.treeToValue(stored, DisputeRaised.class);
        assertThat(read.childStatus()).isEqualTo(ChildStatus.LOOKED_AFTER);
        assertThat(DisputeState.of(List.of(read)).childStatus()).isEqualTo(ChildStatus.LOOKED_AFTER);

        DisputeRaised cp = JSON.treeToValue(JSON.valueToTree(raised(ChildStatus.CHILD_PROTECTION)), DisputeRaised.class);
        assertThat(DisputeState.of(List.of(cp)).childStatus()).isEqualTo(ChildStatus.CHILD_PROTECTION);
        assertThat(DisputeState.initial().childStatus()).isNull();
    }

    @Test
    void anAcknowledgementMarksTheCurrentStageOnlyAndTheNextStageStartsUnacknowledged() {
        DisputeState state = DisputeState.of(List.of(raised(ChildStatus.LOOKED_AFTER),
                new StageOpened(ID, ONE, "Team Manager", Role.TEAM_MANAGER, null, true, d(3, 2), d(3, 9))));
        assertThat(state.currentStage().orElseThrow().isAwaitingAcknowledgement()).isTrue();

        state = state.evolve(new StageAcknowledged(ID, ONE, TM, d(3, 4), 2));
        StageState one = state.currentStage().orElseThrow();
        assertThat(one.acknowledgedBy()).isEqualTo(TM);
        assertThat(one.acknowledgedOn()).isEqualTo(d(3, 4));
        assertThat(one.acknowledgedAfterWorkingDays()).isEqualTo(2);
        assertThat(one.isAwaitingAcknowledgement()).isFalse();

        state = state.evolve(new StageResponseRecorded(ID, ONE, TM, "r", List.of(), d(3, 5)))
                .evolve(new DisputeEscalated(ID, ONE, TWO, List.of(), null, IRO, null, d(3, 6)))
                .evolve(new StageOpened(ID, TWO, "Head of Service", Role.SENIOR_MANAGER, null, true, d(3, 6), null));
        assertThat(state.stages().get(0).acknowledgedBy()).isEqualTo(TM);
        assertThat(state.currentStage().orElseThrow().isAwaitingAcknowledgement()).isTrue();
        assertThat(state.currentStage().orElseThrow().acknowledgedOn()).isNull();
    }

    @Test
    void aStageWithoutATimescaleIsNeverOverdue() {
        DisputeState state = DisputeState.of(List.of(raised(ChildStatus.LOOKED_AFTER),
                new StageOpened(ID, ONE, "Director", Role.SENIOR_MANAGER, null, true, d(3, 2), null)));
        assertThat(state.isOverdueOn(d(3, 2).plusYears(5))).isFalse();
    }

    @Test
    void aGoodPracticeAlertIsRecordedThenAcknowledgedByItsManager() {
        GoodPracticeId id = GoodPracticeId.of("gp-1");
        StaffReference named = StaffReference.of("sm-7", Role.SENIOR_MANAGER);
        GoodPracticeState recorded = GoodPracticeState.of(List.of(new GoodPracticeRecorded(id,
                ChildReference.of("C1"), "Team A", ID, named, "Life story work done well", IRO, d(3, 2))));
        assertThat(recorded.version()).isZero();
        assertThat(recorded.isAcknowledged()).isFalse();
        assertThat(recorded.mayBeAcknowledgedBy(named)).isTrue();
        assertThat(recorded.mayBeAcknowledgedBy(TM)).as("another manager than the one named").isFalse();
        assertThat(recorded.mayBeAcknowledgedBy(StaffReference.of("sw-1", Role.SOCIAL_WORKER))).isFalse();
        assertThat(recorded.mayBeAcknowledgedBy(StaffReference.of("iro-2", Role.IRO))).isFalse();

        GoodPracticeState acknowledged = recorded.evolve(new GoodPracticeAcknowledged(id, named, d(3, 3)));
        assertThat(acknowledged.version()).isEqualTo(1);
        assertThat(acknowledged.isAcknowledged()).isTrue();
        assertThat(acknowledged.acknowledgedBy()).isEqualTo(named);
        assertThat(acknowledged.relatedDispute()).isEqualTo(ID);

        GoodPracticeState unnamed = GoodPracticeState.of(List.of(new GoodPracticeRecorded(id,
                ChildReference.of("C1"), "Team A", null, null, "x", IRO, d(3, 2))));
        assertThat(unnamed.mayBeAcknowledgedBy(TM)).isTrue();
        assertThat(unnamed.mayBeAcknowledgedBy(named)).isTrue();
        assertThat(unnamed.mayBeAcknowledgedBy(StaffReference.of("irom-1", Role.IRO_MANAGER))).isFalse();
    }

    @Test
    void aGoodPracticeIdCanNeverBeADisputesId() {
        assertThat(GoodPracticeId.newId().value()).startsWith("gp-");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GoodPracticeId.of(DisputeId.newId().value()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
