package uk.iro.disputes.kernel.state;

import java.time.LocalDate;
import uk.iro.disputes.kernel.policy.CafcassRule;
import uk.iro.disputes.kernel.policy.StageKey;

public record CafcassReferral(StageKey atStage, LocalDate referredOn, CafcassRule.Effect effect) {
}
