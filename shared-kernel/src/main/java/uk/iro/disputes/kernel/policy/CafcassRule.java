package uk.iro.disputes.kernel.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * Referral to CAFCASS: when the procedure allows it and what it does to the dispute.
 *
 * @param atAnyStage true where the IRO may refer at any stage; false where only once the last stage is reached
 * @param beforeLastStage what a referral made before the last stage does to the escalation
 * @param atLastStage what a referral made at (or after) the last stage does to the escalation
 * @param consultation whom the IRO must consult first, or null
 */
public record CafcassRule(boolean atAnyStage, Effect beforeLastStage, Effect atLastStage, Consultation consultation) {

    public enum Effect {
        /** The dispute goes on alongside CAFCASS's involvement. */
        CONTINUES_ALONGSIDE,
        /** The escalation is closed and resolved as "referred to CAFCASS" (Birmingham). */
        CLOSES_ESCALATION
    }

    public CafcassRule {
        Objects.requireNonNull(beforeLastStage, "cafcass beforeLastStage");
        Objects.requireNonNull(atLastStage, "cafcass atLastStage");
    }

    public Optional<Consultation> requiredConsultation() {
        return Optional.ofNullable(consultation);
    }
}
