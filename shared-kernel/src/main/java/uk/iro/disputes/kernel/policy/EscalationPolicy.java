package uk.iro.disputes.kernel.policy;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import uk.iro.disputes.kernel.calendar.WorkingDayCalendar;
import uk.iro.disputes.kernel.dispute.ChildStatus;
import uk.iro.disputes.kernel.dispute.Track;

/**
 * One council's dispute resolution procedure, as data. Built by {@link PolicyLoader} from a YAML file; every
 * dispute pins the {@link #ref()} it was raised under.
 *
 * @param source the name of the document this policy encodes (for the seeds: the seed file's name)
 * @param informal the informal stage, or null where the procedure starts formally
 * @param stages the formal ladder, lowest first
 * @param immediateConcern the immediate-concern track, or null
 * @param monitoring the post-resolution monitoring meeting, or null
 * @param declaredTotal the total the procedure declares, or null where it declares none
 * @param appliesTo the children it serves: looked after, child protection or both; a file that says nothing
 *     serves looked-after children only (the IRO procedures the service began with)
 */
public record EscalationPolicy(
        String id,
        int version,
        String title,
        String source,
        InformalResolution informal,
        List<StagePolicy> stages,
        FormalStart formalStart,
        BypassRule bypass,
        CafcassRule cafcass,
        ExtensionRule extension,
        MonitoringRule monitoring,
        ImmediateConcernTrack immediateConcern,
        ClosureRule closure,
        TotalTimescale declaredTotal,
        Set<ChildStatus> appliesTo) {

    public EscalationPolicy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(source, "source");
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a policy needs at least one formal stage");
        }
        Set<StageKey> keys = new HashSet<>();
        for (StagePolicy stage : stages) {
            if (StageKey.INFORMAL.equals(stage.key())) {
                throw new IllegalArgumentException("'informal' is reserved for the informal stage");
            }
            if (!keys.add(stage.key())) {
                throw new IllegalArgumentException("stage key " + stage.key() + " appears twice");
            }
        }
        Objects.requireNonNull(formalStart, "formalStart");
        Objects.requireNonNull(bypass, "bypass");
        Objects.requireNonNull(cafcass, "cafcass");
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(closure, "closure");
        appliesTo = appliesTo == null || appliesTo.isEmpty() ? Set.of(ChildStatus.LOOKED_AFTER) : Set.copyOf(appliesTo);
    }

    /** Whether a dispute about a child of this status may be raised under this policy. */
    public boolean appliesTo(ChildStatus status) {
        return appliesTo.contains(status);
    }

    public PolicyRef ref() {
        return new PolicyRef(id, version);
    }

    public Optional<InformalResolution> informalResolution() {
        return Optional.ofNullable(informal);
    }

    public Optional<MonitoringRule> monitoringRule() {
        return Optional.ofNullable(monitoring);
    }

    public Optional<ImmediateConcernTrack> immediateConcernTrack() {
        return Optional.ofNullable(immediateConcern);
    }

    public Optional<TotalTimescale> declaredTotalTimescale() {
        return Optional.ofNullable(declaredTotal);
    }

    /** Any stage of this policy, informal included. */
    public Optional<StagePolicy> stage(StageKey key) {
        if (informal != null && informal.stage().key().equals(key)) {
            return Optional.of(informal.stage());
        }
        return stages.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    public boolean isFormal(StageKey key) {
        return formalIndexOf(key) >= 0;
    }

    /** Position in the formal ladder (0 for the first formal stage), or -1 for the informal or an unknown stage. */
    public int formalIndexOf(StageKey key) {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    public StagePolicy firstFormalStage() {
        return stages.get(0);
    }

    public StagePolicy lastFormalStage() {
        return stages.get(stages.size() - 1);
    }

    public boolean isLastFormalStage(StageKey key) {
        return lastFormalStage().key().equals(key);
    }

    /** The stage after {@code key}: the first formal stage after the informal one, empty after the last. */
    public Optional<StagePolicy> stageAfter(StageKey key) {
        if (StageKey.INFORMAL.equals(key)) {
            return Optional.of(firstFormalStage());
        }
        int index = formalIndexOf(key);
        if (index < 0 || index + 1 >= stages.size()) {
            return Optional.empty();
        }
        return Optional.of(stages.get(index + 1));
    }

    /** Formal stages strictly between two stages of the ladder: what an escalation from one to the other skips. */
    public List<StageKey> stagesBetween(StageKey from, StageKey to) {
        int start = StageKey.INFORMAL.equals(from) ? 0 : formalIndexOf(from) + 1;
        int end = formalIndexOf(to);
        if (end <= start) {
            return List.of();
        }
        return stages.subList(start, end).stream().map(StagePolicy::key).toList();
    }

    /**
     * The due date of a stage opening on {@code openedOn}: on the immediate-concern track, the track's one-day
     * timescale for the stages it lists; otherwise the stage's own timescale. Null where the stage has none.
     *
     * @param formalStartedOn when the formal process started (the same day for its first stage); null if informal
     */
    public LocalDate dueDateOf(StageKey key, Track track, LocalDate openedOn, LocalDate formalStartedOn,
            WorkingDayCalendar calendar) {
        StagePolicy stage = stage(key).orElseThrow(() -> new IllegalArgumentException("no stage " + key + " in " + ref()));
        if (track == Track.IMMEDIATE_CONCERN && immediateConcern != null && immediateConcern.stages().contains(key)) {
            return calendar.addWorkingDays(openedOn, immediateConcern.responseWithin());
        }
        return stage.responseTimescale().map(t -> t.dueDate(openedOn, formalStartedOn, calendar)).orElse(null);
    }

    /**
     * The end of the declared total timescale of a formal process starting on {@code formalStartedOn}, counted
     * from the informal stage's opening where the policy's total includes it. Null where the policy declares none.
     */
    public LocalDate declaredTotalDueDate(LocalDate formalStartedOn, LocalDate informalOpenedOn,
            WorkingDayCalendar calendar) {
        if (declaredTotal == null) {
            return null;
        }
        LocalDate from = declaredTotal.includesInformal() && informalOpenedOn != null ? informalOpenedOn : formalStartedOn;
        return calendar.addWorkingDays(from, declaredTotal.workingDays());
    }

    /** The 20th working day after the formal start: the statutory limit, whatever the policy declares. */
    public static LocalDate statutoryDueDate(LocalDate formalStartedOn, WorkingDayCalendar calendar) {
        return calendar.addWorkingDays(formalStartedOn, TotalTimescale.STATUTORY_LIMIT);
    }
}
