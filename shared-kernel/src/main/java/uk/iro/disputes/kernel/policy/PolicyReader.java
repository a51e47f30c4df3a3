package uk.iro.disputes.kernel.policy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import uk.iro.disputes.kernel.calendar.WorkingDays;
import uk.iro.disputes.kernel.dispute.ChildStatus;
import uk.iro.disputes.kernel.dispute.Role;

/**
 * Builds an {@link EscalationPolicy} from a policy file's YAML tree by hand, field by field, so that every problem
 * names the file and the field path. The shape is documented on {@link PolicyLoader}.
 */
final class PolicyReader {
    private static final Pattern ID = Pattern.compile("[a-z0-9-]+");

    private static final String WORKING_DAYS = "workingDays";
    private static final String WORKING_DAY_OF_FORMAL_PROCESS = "workingDayOfFormalProcess";

    private PolicyReader() {
    }

    static EscalationPolicy read(YamlNode root) {
        root.mapping("id", "version", "title", "source", "informal", "formalStart", "bypass", "stages", "cafcass",
                "extension", "monitoring", "immediateConcern", "closure", "declaredTotal", "appliesTo");

        YamlNode idNode = root.get("id");
        String id = idNode.text();
        if (!ID.matcher(id).matches()) {
            throw idNode.error("'" + id + "' must be lower-case letters, digits and hyphens only (e.g. my-council)");
        }
        int version = root.get("version").wholeNumber();
        String title = root.get("title").text();
        String source = root.get("source").text();

        YamlNode informalNode = root.get("informal");
        InformalResolution informal = informalNode.isPresent() ? informal(informalNode) : null;
        FormalStart formalStart = formalStart(root.get("formalStart"));
        YamlNode bypassNode = root.get("bypass");
        BypassRule bypass = bypassNode.isPresent() ? bypass(bypassNode) : BypassRule.NOT_ALLOWED;
        YamlNode stagesNode = root.get("stages");
        List<StagePolicy> stages = stages(stagesNode);
        CafcassRule cafcass = cafcass(root.get("cafcass"));
        YamlNode extensionNode = root.get("extension");
        ExtensionRule extension = extensionNode.isPresent() ? extension(extensionNode) : ExtensionRule.NOT_ALLOWED;
        YamlNode monitoringNode = root.get("monitoring");
        MonitoringRule monitoring = monitoringNode.isPresent() ? monitoring(monitoringNode) : null;
        YamlNode immediateNode = root.get("immediateConcern");
        ImmediateConcernTrack immediate = immediateNode.isPresent() ? immediateConcern(immediateNode, stages) : null;
        YamlNode closureNode = root.get("closure");
        ClosureRule closure = closureNode.isPresent() ? closure(closureNode) : ClosureRule.IRO_OR_MANAGER;
        YamlNode totalNode = root.get("declaredTotal");
        TotalTimescale declaredTotal = totalNode.isPresent() ? declaredTotal(totalNode) : null;

        YamlNode appliesToNode = root.get("appliesTo");
        Set<ChildStatus> appliesTo = appliesToNode.isPresent() ? childStatuses(appliesToNode) : null;

        return root.build(() -> new EscalationPolicy(id, version, title, source, informal, stages, formalStart, bypass,
                cafcass, extension, monitoring, immediate, closure, declaredTotal, appliesTo));
    }

    // ---- stages ----------------------------------------------------------------------------------------------

    private static InformalResolution informal(YamlNode node) {
        node.mapping("title", "assigneeRoles", "assigneePosition", "copiedTo", "timescale", "meeting",
                "recordWithinWorkingDays", "progressRating");
        StagePolicy stage = stage(node, StageKey.INFORMAL, false);
        WorkingDays recordWithin = optionalWorkingDays(node.get("recordWithinWorkingDays"));
        boolean progressRating = node.get("progressRating").optionalBool(false);
        return node.build(() -> new InformalResolution(stage, recordWithin, progressRating));
    }

    private static List<StagePolicy> stages(YamlNode node) {
        List<YamlNode> elements = node.elements();
        if (elements.isEmpty()) {
            throw node.error("must list at least one formal stage");
        }
        List<StagePolicy> stages = new ArrayList<>();
        Map<StageKey, String> seen = new HashMap<>();
        for (YamlNode element : elements) {
            element.mapping("key", "title", "assigneeRoles", "assigneePosition", "copiedTo", "timescale", "meeting");
            YamlNode keyNode = element.get("key");
            String keyText = keyNode.text();
            StageKey key = keyNode.build(() -> StageKey.of(keyText));
            if (StageKey.INFORMAL.equals(key)) {
                throw keyNode.error("'informal' is reserved for the informal section; give this formal stage another key");
            }
            String earlier = seen.putIfAbsent(key, element.path());
            if (earlier != null) {
                throw keyNode.error("'" + key + "' is already the key of " + earlier + "; stage keys must be unique");
            }
            stages.add(stage(element, key, true));
        }
        return stages;
    }

    /** The fields every stage has; the caller has already checked the node's field names. */
    private static StagePolicy stage(YamlNode node, StageKey key, boolean formal) {
        String title = node.get("title").text();
        List<Role> assigneeRoles = roles(node.get("assigneeRoles"), true);
        String position = node.get("assigneePosition").text();
        List<String> copiedTo = new ArrayList<>();
        for (YamlNode element : node.get("copiedTo").optionalElements()) {
            copiedTo.add(element.text());
        }
        YamlNode timescaleNode = node.get("timescale");
        Timescale timescale = timescaleNode.isPresent() ? timescale(timescaleNode, formal) : null;
        YamlNode meetingNode = node.get("meeting");
        MeetingRule meeting = meetingNode.isPresent() ? meeting(meetingNode) : null;
        return node.build(() -> new StagePolicy(key, title, assigneeRoles, position, copiedTo, timescale, meeting));
    }

    private static Timescale timescale(YamlNode node, boolean formal) {
        node.mapping(WORKING_DAYS, WORKING_DAY_OF_FORMAL_PROCESS);
        YamlNode fromStage = node.get(WORKING_DAYS);
        YamlNode ofProcess = node.get(WORKING_DAY_OF_FORMAL_PROCESS);
        if (!formal && ofProcess.isPresent()) {
            throw ofProcess.error("not allowed on the informal stage, which comes before the formal process starts;"
                    + " use workingDays");
        }
        if (fromStage.isPresent() && ofProcess.isPresent()) {
            throw node.error("give either workingDays or workingDayOfFormalProcess, not both");
        }
        if (fromStage.isPresent()) {
            int days = fromStage.wholeNumber();
            return node.build(() -> Timescale.withinWorkingDays(days));
        }
        if (ofProcess.isPresent()) {
            int day = ofProcess.wholeNumber();
            return node.build(() -> Timescale.byWorkingDayOfFormalProcess(day));
        }
        throw node.error(formal
                ? "needs workingDays or workingDayOfFormalProcess (or leave timescale out for a stage with none)"
                : "needs workingDays (or leave timescale out for a stage with none)");
    }

    private static MeetingRule meeting(YamlNode node) {
        node.mapping("required", "withinWorkingDays", "convenedBy", "description");
        boolean required = node.get("required").bool();
        WorkingDays within = optionalWorkingDays(node.get("withinWorkingDays"));
        YamlNode convenedByNode = node.get("convenedBy");
        Role convenedBy = convenedByNode.isPresent() ? convenedByNode.enumValue(Role.class) : null;
        String description = node.get("description").optionalText();
        return node.build(() -> new MeetingRule(required, within, convenedBy, description));
    }

    // ---- rules -----------------------------------------------------------------------------------------------

    private static FormalStart formalStart(YamlNode node) {
        node.mapping("iroChoosesStage", "consultation");
        boolean iroChoosesStage = node.get("iroChoosesStage").bool();
        Consultation consultation = optionalConsultation(node.get("consultation"));
        return node.build(() -> new FormalStart(iroChoosesStage, consultation));
    }

    private static BypassRule bypass(YamlNode node) {
        node.mapping("allowed", "consultation");
        boolean allowed = node.get("allowed").bool();
        Consultation consultation = optionalConsultation(node.get("consultation"));
        return node.build(() -> new BypassRule(allowed, consultation));
    }

    private static CafcassRule cafcass(YamlNode node) {
        node.mapping("atAnyStage", "beforeLastStage", "atLastStage", "consultation");
        boolean atAnyStage = node.get("atAnyStage").bool();
        CafcassRule.Effect before = node.get("beforeLastStage").enumValue(CafcassRule.Effect.class);
        CafcassRule.Effect atLast = node.get("atLastStage").enumValue(CafcassRule.Effect.class);
        Consultation consultation = optionalConsultation(node.get("consultation"));
        return node.build(() -> new CafcassRule(atAnyStage, before, atLast, consultation));
    }

    private static ExtensionRule extension(YamlNode node) {
        node.mapping("allowed", "agreedBy", "benefitToChildRequired", "maximumWorkingDays");
        boolean allowed = node.get("allowed").bool();
        YamlNode agreedByNode = node.get("agreedBy");
        List<Role> agreedBy = agreedByNode.isPresent() ? roles(agreedByNode, false) : List.of();
        if (allowed && agreedBy.isEmpty()) {
            throw agreedByNode.error("must name at least one role when extensions are allowed");
        }
        boolean benefitToChildRequired = node.get("benefitToChildRequired").optionalBool(false);
        WorkingDays maximum = optionalWorkingDays(node.get("maximumWorkingDays"));
        return node.build(() -> new ExtensionRule(allowed, agreedBy, benefitToChildRequired, maximum));
    }

    private static MonitoringRule monitoring(YamlNode node) {
        node.mapping("meetingWithinWorkingDays");
        WorkingDays within = workingDays(node.get("meetingWithinWorkingDays"));
        return node.build(() -> new MonitoringRule(within));
    }

    private static ImmediateConcernTrack immediateConcern(YamlNode node, List<StagePolicy> ladder) {
        node.mapping("responseWithinWorkingDays", "writtenRecordWithinWorkingDays", "stages");
        WorkingDays response = workingDays(node.get("responseWithinWorkingDays"));
        WorkingDays writtenRecord = workingDays(node.get("writtenRecordWithinWorkingDays"));
        YamlNode stagesNode = node.get("stages");
        List<YamlNode> elements = stagesNode.elements();
        if (elements.isEmpty()) {
            throw stagesNode.error("must list at least one formal stage");
        }
        Set<StageKey> formalKeys = ladder.stream().map(StagePolicy::key).collect(Collectors.toSet());
        List<StageKey> keys = new ArrayList<>();
        for (YamlNode element : elements) {
            String text = element.text();
            StageKey key = element.build(() -> StageKey.of(text));
            if (!formalKeys.contains(key)) {
                throw element.error("'" + key + "' is not a formal stage of this policy; the ladder has "
                        + ladder.stream().map(s -> s.key().value()).collect(Collectors.joining(", ")));
            }
            if (keys.contains(key)) {
                throw element.error("'" + key + "' is listed twice");
            }
            keys.add(key);
        }
        return node.build(() -> new ImmediateConcernTrack(response, writtenRecord, keys));
    }

    private static ClosureRule closure(YamlNode node) {
        node.mapping("authorisedBy", "ownIroOnly");
        YamlNode authorisedByNode = node.get("authorisedBy");
        List<Role> authorisedBy = authorisedByNode.isPresent()
                ? roles(authorisedByNode, true)
                : ClosureRule.IRO_OR_MANAGER.authorisedBy();
        boolean ownIroOnly = node.get("ownIroOnly").optionalBool(false);
        if (ownIroOnly && !authorisedBy.contains(Role.IRO)) {
            throw node.get("ownIroOnly").error("is true, so authorisedBy must include IRO");
        }
        return node.build(() -> new ClosureRule(authorisedBy, ownIroOnly));
    }

    private static TotalTimescale declaredTotal(YamlNode node) {
        node.mapping(WORKING_DAYS, "includesInformal");
        WorkingDays days = workingDays(node.get(WORKING_DAYS));
        boolean includesInformal = node.get("includesInformal").optionalBool(false);
        return node.build(() -> new TotalTimescale(days, includesInformal));
    }

    private static Consultation optionalConsultation(YamlNode node) {
        if (!node.isPresent()) {
            return null;
        }
        node.mapping("role", "position");
        Role role = node.get("role").enumValue(Role.class);
        String position = node.get("position").text();
        return node.build(() -> new Consultation(role, position));
    }

    // ---- values ----------------------------------------------------------------------------------------------

    private static List<Role> roles(YamlNode node, boolean atLeastOne) {
        List<YamlNode> elements = node.elements();
        if (atLeastOne && elements.isEmpty()) {
            throw node.error("must name at least one role; allowed values: "
                    + EnumSet.allOf(Role.class).stream().map(Enum::name).collect(Collectors.joining(", ")));
        }
        List<Role> roles = new ArrayList<>();
        for (YamlNode element : elements) {
            Role role = element.enumValue(Role.class);
            if (roles.contains(role)) {
                throw element.error(role + " is listed twice");
            }
            roles.add(role);
        }
        return roles;
    }

    private static Set<ChildStatus> childStatuses(YamlNode node) {
        List<YamlNode> elements = node.elements();
        if (elements.isEmpty()) {
            throw node.error("must name at least one child status; allowed values: "
                    + EnumSet.allOf(ChildStatus.class).stream().map(Enum::name).collect(Collectors.joining(", ")));
        }
        Set<ChildStatus> statuses = EnumSet.noneOf(ChildStatus.class);
        for (YamlNode element : elements) {
            ChildStatus status = element.enumValue(ChildStatus.class);
            if (!statuses.add(status)) {
                throw element.error(status + " is listed twice");
            }
        }
        return statuses;
    }

    private static WorkingDays workingDays(YamlNode node) {
        int days = node.wholeNumber();
        return node.build(() -> WorkingDays.of(days));
    }

    private static WorkingDays optionalWorkingDays(YamlNode node) {
        return node.isPresent() ? workingDays(node) : null;
    }
}
