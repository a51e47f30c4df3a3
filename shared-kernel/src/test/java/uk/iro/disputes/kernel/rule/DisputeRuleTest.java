package uk.iro.disputes.kernel.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DisputeRuleTest {

    @Test
    void everyRuleHasAUniqueUrlSafeCodeAndADescription() {
        assertThat(Arrays.stream(DisputeRule.values()).map(DisputeRule::code)).doesNotHaveDuplicates()
                .allMatch(code -> code.matches("[a-z]+(-[a-z]+)*"));
        assertThat(DisputeRule.values()).allMatch(rule -> !rule.description().isBlank());
    }

    @Test
    void aBrokenRuleCarriesItsRuleAndSaysWhy() {
        assertThatThrownBy(() -> DisputeRuleViolation.require(false, DisputeRule.STAGE_NOT_CURRENT, "at stage-2"))
                .isInstanceOfSatisfying(DisputeRuleViolation.class,
                        v -> assertThat(v.rule()).isEqualTo(DisputeRule.STAGE_NOT_CURRENT))
                .hasMessage("stage-not-current: at stage-2");
        DisputeRuleViolation.require(true, DisputeRule.STAGE_NOT_CURRENT, "never thrown");
    }
}
