package uk.iro.disputes.kernel.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Reports what a policy gets inconsistent but usable: the inconsistencies the source documents really have, such as
 * a ladder that runs longer than the total the document declares, or a stage that never goes overdue. The loader
 * puts these in {@link LoadedPolicy#warnings()}; nothing is hidden or corrected.
 *
 * <p>The ladder's length is found by walking the formal stages assuming each is escalated on its due date: a
 * {@code workingDays: N} stage adds N working days; a {@code workingDayOfFormalProcess: N} stage ends on day N, or
 * on the previous stages' end if that is later; a stage with no timescale adds nothing.
 */
public final class PolicyValidator {
    private static final int STATUTORY_LIMIT = TotalTimescale.STATUTORY_LIMIT.count();

    private PolicyValidator() {
    }

    /** Readable sentences, each naming the stage or field concerned; empty where the policy is consistent. */
    public static List<String> warnings(EscalationPolicy policy) {
        List<String> warnings = new ArrayList<>();

        int formalLength = 0;
        for (StagePolicy stage : policy.stages()) {
            Timescale timescale = stage.timescale();
            if (timescale == null) {
                warnings.add(stage.key() + " has no response timescale; it never goes overdue");
                continue;
            }
            int days = timescale.workingDays().count();
            switch (timescale.basis()) {
                case WORKING_DAYS_FROM_STAGE_START -> formalLength += days;
                case WORKING_DAY_OF_FORMAL_PROCESS -> {
                    if (days < formalLength) {
                        warnings.add(stage.key() + " is due by day " + days
                                + " but the stages before it can run to day " + formalLength);
                    }
                    formalLength = Math.max(days, formalLength);
                }
            }
        }

        TotalTimescale declared = policy.declaredTotal();
        if (declared != null) {
            int declaredDays = declared.workingDays().count();
            int ladderLength = formalLength;
            String counted = "";
            if (declared.includesInformal()) {
                int informalDays = informalWorkingDays(policy);
                if (informalDays > 0) {
                    ladderLength += informalDays;
                    counted = " (both counting the informal stage)";
                }
            }
            if (ladderLength > declaredDays) {
                warnings.add("the ladder runs to " + ladderLength + " working days but the policy declares "
                        + declaredDays + counted);
            }
            if (declaredDays > STATUTORY_LIMIT) {
                warnings.add("declaredTotal is " + declaredDays + " working days, more than the statutory limit of "
                        + STATUTORY_LIMIT);
            }
        }
        // The statutory limit applies to the formal process, so the informal stage is not counted here.
        if (formalLength > STATUTORY_LIMIT) {
            warnings.add("the formal ladder runs to " + formalLength
                    + " working days, more than the statutory limit of " + STATUTORY_LIMIT);
        }

        if (!policy.bypass().allowed() && policy.bypass().consultation() != null) {
            warnings.add("bypass.consultation is set but bypass is not allowed; the consultation is never asked for");
        }
        ExtensionRule extension = policy.extension();
        if (!extension.allowed() && (!extension.agreedBy().isEmpty() || extension.maximum() != null)) {
            warnings.add("extension.agreedBy or extension.maximumWorkingDays is set but extensions are not allowed");
        }
        return List.copyOf(warnings);
    }

    /** The informal stage's own working days, or 0 where it has none or no informal stage exists. */
    private static int informalWorkingDays(EscalationPolicy policy) {
        InformalResolution informal = policy.informal();
        if (informal == null || informal.stage().timescale() == null) {
            return 0;
        }
        Timescale timescale = informal.stage().timescale();
        return timescale.basis() == Timescale.Basis.WORKING_DAYS_FROM_STAGE_START ? timescale.workingDays().count() : 0;
    }
}
