package uk.iro.disputes.query.reference;

import java.util.List;
import uk.iro.disputes.kernel.dispute.ChildStatus;
import uk.iro.disputes.kernel.calendar.WorkingDays;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.policy.CafcassRule;
import uk.iro.disputes.kernel.policy.Consultation;
import uk.iro.disputes.kernel.policy.EscalationPolicy;
import uk.iro.disputes.kernel.policy.LoadedPolicy;
import uk.iro.disputes.kernel.policy.MeetingRule;
import uk.iro.disputes.kernel.policy.StagePolicy;
import uk.iro.disputes.kernel.policy.Timescale;

/**
 * One policy in full, in a shape of its own (not the kernel's records), so the API stays stable when the
 * kernel's types change. Working-day counts are plain numbers; absent parts are null.
 */
public record PolicyView(
        String id,
        int version,
        List<Integer> versions,
        String title,
        String source,
        List<String> warnings,
        Informal informal,
        List<Stage> stages,
        FormalStart formalStart,
        Bypass bypass,
        Cafcass cafcass,
        Extension extension,
        Integer monitoringMeetingWithinWorkingDays,
        ImmediateConcern immediateConcern,
        Closure closure,
        DeclaredTotal declaredTotal,
        List<ChildStatus> appliesTo) {

    static PolicyView of(LoadedPolicy loaded, List<Integer> versions) {
        EscalationPolicy p = loaded.policy();
        return new PolicyView(p.id(), p.version(), versions, p.title(), p.source(), loaded.warnings(),
                p.informalResolution().map(i -> new Informal(Stage.of(i.stage()),
                        i.recordTimescale().map(WorkingDays::count).orElse(null), i.progressRating())).orElse(null),
                p.stages().stream().map(Stage::of).toList(),
                new FormalStart(p.formalStart().iroChoosesStage(), consultation(p.formalStart().consultation())),
                new Bypass(p.bypass().allowed(), consultation(p.bypass().consultation())),
                new Cafcass(p.cafcass().atAnyStage(), p.cafcass().beforeLastStage(), p.cafcass().atLastStage(),
                        consultation(p.cafcass().consultation())),
                new Extension(p.extension().allowed(), p.extension().agreedBy(), p.extension().benefitToChildRequired(),
                        p.extension().maximumExtension().map(WorkingDays::count).orElse(null)),
                p.monitoringRule().map(m -> m.meetingWithin().count()).orElse(null),
                p.immediateConcernTrack().map(t -> new ImmediateConcern(t.responseWithin().count(),
                        t.writtenRecordWithin().count(), t.stages().stream().map(k -> k.value()).toList())).orElse(null),
                new Closure(p.closure().authorisedBy(), p.closure().ownIroOnly()),
                p.declaredTotalTimescale().map(t -> new DeclaredTotal(t.workingDays().count(), t.includesInformal()))
                        .orElse(null),
                p.appliesTo().stream().sorted().toList());
    }

    private static ConsultationView consultation(Consultation c) {
        return c == null ? null : new ConsultationView(c.role(), c.position());
    }

    public record Stage(String key, String title, List<Role> assigneeRoles, String assigneePosition,
            List<String> copiedTo, TimescaleView timescale, Meeting meeting) {
        static Stage of(StagePolicy s) {
            return new Stage(s.key().value(), s.title(), s.assigneeRoles(), s.assigneePosition(), s.copiedTo(),
                    s.responseTimescale().map(TimescaleView::of).orElse(null),
                    s.meetingRule().map(Meeting::of).orElse(null));
        }
    }

    /** basis: WORKING_DAYS_FROM_STAGE_START or WORKING_DAY_OF_FORMAL_PROCESS. */
    public record TimescaleView(Timescale.Basis basis, int workingDays) {
        static TimescaleView of(Timescale t) {
            return new TimescaleView(t.basis(), t.workingDays().count());
        }
    }

    public record Meeting(boolean required, Integer withinWorkingDays, Role convenedBy, String description) {
        static Meeting of(MeetingRule m) {
            return new Meeting(m.required(), m.timescale().map(WorkingDays::count).orElse(null), m.convenedBy(),
                    m.description());
        }
    }

    public record Informal(Stage stage, Integer recordWithinWorkingDays, boolean progressRating) {
    }

    public record ConsultationView(Role role, String position) {
    }

    public record FormalStart(boolean iroChoosesStage, ConsultationView consultation) {
    }

    public record Bypass(boolean allowed, ConsultationView consultation) {
    }

    public record Cafcass(boolean atAnyStage, CafcassRule.Effect beforeLastStage, CafcassRule.Effect atLastStage,
            ConsultationView consultation) {
    }

    public record Extension(boolean allowed, List<Role> agreedBy, boolean benefitToChildRequired,
            Integer maximumWorkingDays) {
    }

    public record ImmediateConcern(int responseWithinWorkingDays, int writtenRecordWithinWorkingDays,
            List<String> stages) {
    }

    public record Closure(List<Role> authorisedBy, boolean ownIroOnly) {
    }

    public record DeclaredTotal(int workingDays, boolean includesInformal) {
    }
}
