package uk.iro.disputes.kernel.dispute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.policy.PolicyRef;
import uk.iro.disputes.kernel.policy.StageKey;

class ValueTypesTest {

    @Test
    void aDisputeIdIsItsOwnStringFormSoAxonAndKafkaKeysAreClean() {
        assertThat(DisputeId.of("d-42").toString()).isEqualTo("d-42");
        assertThat(DisputeId.newId().value()).hasSize(36);
        assertThatThrownBy(() -> DisputeId.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DisputeId.of("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DisputeId.of("x".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChildIsACaseRecordIdNeverANameWithSpaces() {
        assertThat(ChildReference.of("LAC/2026/0042").caseId()).isEqualTo("LAC/2026/0042");
        assertThatThrownBy(() -> ChildReference.of("Jane Smith")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChildReference.of("x".repeat(41))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void staffAreReferencedByIdAndRoleNeverByEmail() {
        assertThat(StaffReference.of("tm-8", Role.TEAM_MANAGER).isSamePersonAs(StaffReference.of("tm-8", Role.IRO)))
                .isTrue();
        assertThatThrownBy(() -> StaffReference.of("someone@council.example", Role.IRO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StaffReference.of("tm-8", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void stageKeysAndPolicyRefsAreWellFormed() {
        assertThat(StageKey.of("stage-3").toString()).isEqualTo("stage-3");
        assertThatThrownBy(() -> StageKey.of("Stage 3")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new PolicyRef("durham", 2).toString()).isEqualTo("durham@2");
        assertThatThrownBy(() -> new PolicyRef("durham", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
