package uk.iro.disputes.kernel.policy;

import java.util.Optional;

/** Whether an escalation may skip stages of the ladder, and whom the IRO must consult first. */
public record BypassRule(boolean allowed, Consultation consultation) {
    public static final BypassRule NOT_ALLOWED = new BypassRule(false, null);

    public Optional<Consultation> requiredConsultation() {
        return Optional.ofNullable(consultation);
    }
}
