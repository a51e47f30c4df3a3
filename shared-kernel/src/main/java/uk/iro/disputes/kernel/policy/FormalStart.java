package uk.iro.disputes.kernel.policy;

import java.util.Optional;

/**
 * Where the formal process may begin: always at the first stage, or at a stage the IRO chooses (Durham,
 * Wakefield), possibly only after consulting someone.
 */
public record FormalStart(boolean iroChoosesStage, Consultation consultation) {
    public static final FormalStart FIRST_STAGE_ONLY = new FormalStart(false, null);

    public Optional<Consultation> requiredConsultation() {
        return Optional.ofNullable(consultation);
    }
}
