package uk.iro.disputes.kernel.reporting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.serialization.Revision;
import uk.iro.disputes.kernel.dispute.PlannedAction;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.event.ChildInformed;
import uk.iro.disputes.kernel.event.DisputeClosed;
import uk.iro.disputes.kernel.event.DisputeEscalated;
import uk.iro.disputes.kernel.event.DisputeEvent;
import uk.iro.disputes.kernel.event.DisputeRaised;
import uk.iro.disputes.kernel.event.DisputeReopened;
import uk.iro.disputes.kernel.event.DisputeResolutionMeetingRecorded;
import uk.iro.disputes.kernel.event.DisputeResolved;
import uk.iro.disputes.kernel.event.DisputeWithdrawn;
import uk.iro.disputes.kernel.event.FormalProcessStarted;
import uk.iro.disputes.kernel.event.IndependentLegalAdviceRequested;
import uk.iro.disputes.kernel.event.MonitoringMeetingOverdue;
import uk.iro.disputes.kernel.event.MonitoringOutcomeRecorded;
import uk.iro.disputes.kernel.event.ReferredToCafcass;
import uk.iro.disputes.kernel.event.StageAcknowledged;
import uk.iro.disputes.kernel.event.StageDueSoon;
import uk.iro.disputes.kernel.event.StageOpened;
import uk.iro.disputes.kernel.event.StageOverdue;
import uk.iro.disputes.kernel.event.StageResponseRecorded;
import uk.iro.disputes.kernel.event.StageTimescaleExtended;
import uk.iro.disputes.kernel.event.StatutoryTimescaleBreached;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeAcknowledged;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeEvent;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeRecorded;
import uk.iro.disputes.kernel.policy.StageKey;

/**
 * An event in its reporting shape: the JSON value published on the Kafka topic, and the names that go with it
 * (CloudEvents type, schema). The mapping is an explicit list of fields per event type, so a field added to an
 * event is not published until someone adds it here and to the type's schema: free text can never leak by
 * accident.
 *
 * <p>Every key is always present; a value the event does not have is {@code null}. Dates are ISO-8601
 * ({@code yyyy-MM-dd}, Europe/London business dates); sets (categories, roles) are sorted in their declared order.
 */
public final class ReportingEvents {
    /** The prefix of every CloudEvents {@code type}: {@code uk.iro.disputes.<EventType>.v<revision>}. */
    public static final String TYPE_PREFIX = "uk.iro.disputes.";
    /** Where the schemas are on the classpath: {@code schemas/events/<EventType>.v<revision>.schema.json}. */
    public static final String SCHEMA_FOLDER = "schemas/events/";
    /** The prefix of every schema's {@code $id} (and of the CloudEvents {@code dataschema}). */
    public static final String SCHEMA_ID_PREFIX = "urn:iro-disputes:schema:events:";

    /**
     * The free-text fields of each event type that the reporting shape leaves out (they stay behind the REST API).
     * Documentation, and what the tests check never reaches the stream.
     */
    public static final Map<Class<?>, List<String>> FREE_TEXT = Map.ofEntries(
            Map.entry(DisputeRaised.class, List.of("concern", "desiredOutcome")),
            Map.entry(StageResponseRecorded.class, List.of("response", "plannedActions[].description")),
            Map.entry(DisputeEscalated.class, List.of("reason")),
            Map.entry(StageTimescaleExtended.class, List.of("benefitToChild")),
            Map.entry(DisputeResolutionMeetingRecorded.class, List.of("summary")),
            Map.entry(DisputeResolved.class, List.of("summary", "agreedActions[].description")),
            Map.entry(MonitoringOutcomeRecorded.class, List.of("notes")),
            Map.entry(DisputeReopened.class, List.of("reason")),
            Map.entry(ReferredToCafcass.class, List.of("reason")),
            Map.entry(IndependentLegalAdviceRequested.class, List.of("reason")),
            Map.entry(ChildInformed.class, List.of("how")),
            Map.entry(DisputeWithdrawn.class, List.of("reason")),
            Map.entry(GoodPracticeRecorded.class, List.of("description")));

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportingEvents() {
    }

    /** The event type's name as published: the record's simple name, e.g. {@code StageOpened}. */
    public static String typeName(Class<?> type) {
        return type.getSimpleName();
    }

    /** The type's revision, from its {@link Revision} annotation (every event record carries one). */
    public static String revision(Class<?> type) {
        Revision revision = type.getAnnotation(Revision.class);
        if (revision == null) {
            throw new IllegalStateException(type.getName() + " has no @Revision");
        }
        return revision.value();
    }

    /** The CloudEvents {@code type}: {@code uk.iro.disputes.StageOpened.v1}. */
    public static String cloudEventType(Class<?> type) {
        return TYPE_PREFIX + typeName(type) + ".v" + revision(type);
    }

    /** The classpath resource of the type's JSON Schema. */
    public static String schemaResource(Class<?> type) {
        return SCHEMA_FOLDER + typeName(type) + ".v" + revision(type) + ".schema.json";
    }

    /** The schema's {@code $id}, also sent as the CloudEvents {@code dataschema}. */
    public static String schemaId(Class<?> type) {
        return SCHEMA_ID_PREFIX + typeName(type) + ":v" + revision(type);
    }

    /** The value as UTF-8 JSON bytes. */
    public static byte[] toJson(DisputeEvent event) {
        return bytes(toReporting(event), event);
    }

    /** A good-practice alert's event as UTF-8 JSON bytes. */
    public static byte[] toJson(GoodPracticeEvent event) {
        return bytes(toReporting(event), event);
    }

    private static byte[] bytes(ObjectNode node, Object event) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the reporting shape of " + event.getClass(), e);
        }
    }

    /** The event in its reporting shape. */
    public static ObjectNode toReporting(DisputeEvent event) {
        ObjectNode node = NODES.objectNode();
        node.put("disputeId", event.disputeId().value());
        if (event instanceof DisputeRaised e) {
            ObjectNode policy = node.putObject("policy");
            policy.put("id", e.policy().id());
            policy.put("version", e.policy().version());
            node.put("childCaseId", e.child().caseId());
            node.put("responsibleTeam", e.responsibleTeam());
            node.set("iro", staff(e.iro()));
            node.set("track", name(e.track()));
            node.set("categories", names(e.categories()));
            node.set("consultee", staff(e.consultee()));
            node.set("progressRating", name(e.progressRating()));
            node.set("raisedOn", date(e.raisedOn()));
            node.set("writtenRecordDueOn", date(e.writtenRecordDueOn()));
            node.set("childStatus", name(e.childStatus()));
        } else if (event instanceof StageOpened e) {
            node.set("stage", stage(e.stage()));
            node.put("title", e.title());
            node.set("assigneeRole", name(e.assigneeRole()));
            node.set("assignee", staff(e.assignee()));
            node.put("formal", e.formal());
            node.set("openedOn", date(e.openedOn()));
            node.set("dueDate", date(e.dueDate()));
        } else if (event instanceof FormalProcessStarted e) {
            node.set("atStage", stage(e.atStage()));
            node.set("startedOn", date(e.startedOn()));
            node.set("declaredTotalDueDate", date(e.declaredTotalDueDate()));
            node.set("statutoryDueDate", date(e.statutoryDueDate()));
            node.set("totalDueDate", date(e.totalDueDate()));
        } else if (event instanceof StageResponseRecorded e) {
            node.set("stage", stage(e.stage()));
            node.set("respondent", staff(e.respondent()));
            node.set("plannedActions", actions(e.plannedActions()));
            node.set("respondedOn", date(e.respondedOn()));
        } else if (event instanceof DisputeEscalated e) {
            node.set("fromStage", stage(e.fromStage()));
            node.set("toStage", stage(e.toStage()));
            ArrayNode bypassed = node.putArray("bypassed");
            e.bypassed().forEach(s -> bypassed.add(s.value()));
            node.set("escalatedBy", staff(e.escalatedBy()));
            node.set("consultee", staff(e.consultee()));
            node.set("escalatedOn", date(e.escalatedOn()));
        } else if (event instanceof StageTimescaleExtended e) {
            node.set("stage", stage(e.stage()));
            node.set("previousDueDate", date(e.previousDueDate()));
            node.set("newDueDate", date(e.newDueDate()));
            node.set("agreedBy", staff(e.agreedBy()));
            node.set("agreedOn", date(e.agreedOn()));
        } else if (event instanceof DisputeResolutionMeetingRecorded e) {
            node.set("stage", stage(e.stage()));
            node.set("heldOn", date(e.heldOn()));
            node.set("attendeeRoles", names(e.attendeeRoles()));
            node.set("outcome", name(e.outcome()));
            node.set("recordedBy", staff(e.recordedBy()));
            node.set("recordedOn", date(e.recordedOn()));
        } else if (event instanceof StageOverdue e) {
            node.set("stage", stage(e.stage()));
            node.set("dueDate", date(e.dueDate()));
            node.set("recordedOn", date(e.recordedOn()));
        } else if (event instanceof StatutoryTimescaleBreached e) {
            node.set("totalDueDate", date(e.totalDueDate()));
            node.set("recordedOn", date(e.recordedOn()));
        } else if (event instanceof DisputeResolved e) {
            node.set("outcome", name(e.outcome()));
            node.set("agreedActions", actions(e.agreedActions()));
            node.set("atStage", stage(e.atStage()));
            node.set("resolvedBy", staff(e.resolvedBy()));
            node.set("resolvedOn", date(e.resolvedOn()));
            node.set("monitoringDueOn", date(e.monitoringDueOn()));
        } else if (event instanceof MonitoringOutcomeRecorded e) {
            node.put("achieved", e.achieved());
            node.set("nextStep", name(e.nextStep()));
            node.set("recordedBy", staff(e.recordedBy()));
            node.set("recordedOn", date(e.recordedOn()));
        } else if (event instanceof DisputeReopened e) {
            node.set("lastStage", stage(e.lastStage()));
            node.set("reopenedOn", date(e.reopenedOn()));
        } else if (event instanceof ReferredToCafcass e) {
            node.set("atStage", stage(e.atStage()));
            node.set("referredBy", staff(e.referredBy()));
            node.set("consultee", staff(e.consultee()));
            node.set("effect", name(e.effect()));
            node.set("referredOn", date(e.referredOn()));
        } else if (event instanceof IndependentLegalAdviceRequested e) {
            node.set("requestedBy", staff(e.requestedBy()));
            node.set("requestedOn", date(e.requestedOn()));
        } else if (event instanceof ChildInformed e) {
            node.set("informedOn", date(e.informedOn()));
            node.set("recordedBy", staff(e.recordedBy()));
            node.set("recordedOn", date(e.recordedOn()));
        } else if (event instanceof DisputeWithdrawn e) {
            node.set("withdrawnBy", staff(e.withdrawnBy()));
            node.set("withdrawnOn", date(e.withdrawnOn()));
        } else if (event instanceof StageAcknowledged e) {
            node.set("stage", stage(e.stage()));
            node.set("acknowledgedBy", staff(e.acknowledgedBy()));
            node.set("acknowledgedOn", date(e.acknowledgedOn()));
            node.put("workingDaysAfterOpening", e.workingDaysAfterOpening());
        } else if (event instanceof DisputeClosed e) {
            node.set("authorisedBy", staff(e.authorisedBy()));
            node.set("closedOn", date(e.closedOn()));
        } else if (event instanceof StageDueSoon e) {
            node.set("stage", stage(e.stage()));
            node.set("dueDate", date(e.dueDate()));
            node.set("remindedOn", date(e.remindedOn()));
            node.put("workingDaysLeft", e.workingDaysLeft());
        } else if (event instanceof MonitoringMeetingOverdue e) {
            node.set("monitoringDueOn", date(e.monitoringDueOn()));
            node.set("recordedOn", date(e.recordedOn()));
        } else {
            throw new IllegalArgumentException("no reporting shape for " + event.getClass().getName());
        }
        return node;
    }

    /** A good-practice alert's event in its reporting shape: ids, team, roles and dates, never the description. */
    public static ObjectNode toReporting(GoodPracticeEvent event) {
        ObjectNode node = NODES.objectNode();
        node.put("alertId", event.alertId().value());
        if (event instanceof GoodPracticeRecorded e) {
            node.put("childCaseId", e.child().caseId());
            node.put("responsibleTeam", e.responsibleTeam());
            node.set("relatedDisputeId", e.relatedDispute() == null ? NullNode.instance
                    : NODES.textNode(e.relatedDispute().value()));
            node.set("manager", staff(e.manager()));
            node.set("recordedBy", staff(e.recordedBy()));
            node.set("recordedOn", date(e.recordedOn()));
        } else if (event instanceof GoodPracticeAcknowledged e) {
            node.set("acknowledgedBy", staff(e.acknowledgedBy()));
            node.set("acknowledgedOn", date(e.acknowledgedOn()));
        } else {
            throw new IllegalArgumentException("no reporting shape for " + event.getClass().getName());
        }
        return node;
    }

    private static JsonNode staff(StaffReference staff) {
        if (staff == null) {
            return NullNode.instance;
        }
        ObjectNode node = NODES.objectNode();
        node.put("staffId", staff.staffId());
        node.put("role", staff.role().name());
        return node;
    }

    /** Planned or agreed actions without their description: who owns each, and by when. */
    private static ArrayNode actions(List<PlannedAction> actions) {
        ArrayNode array = NODES.arrayNode();
        for (PlannedAction action : actions) {
            ObjectNode node = array.addObject();
            node.set("owner", staff(action.owner()));
            node.set("dueBy", date(action.dueBy()));
        }
        return array;
    }

    private static JsonNode stage(StageKey stage) {
        return stage == null ? NullNode.instance : NODES.textNode(stage.value());
    }

    private static JsonNode date(LocalDate date) {
        return date == null ? NullNode.instance : NODES.textNode(date.toString());
    }

    private static JsonNode name(Enum<?> value) {
        return value == null ? NullNode.instance : NODES.textNode(value.name());
    }

    private static <E extends Enum<E>> ArrayNode names(Collection<E> values) {
        ArrayNode array = NODES.arrayNode();
        values.stream().sorted(Comparator.comparingInt(Enum::ordinal)).forEach(v -> array.add(v.name()));
        return array;
    }

    /** Every good-practice event type, for tests and tools that must cover them all. */
    @SuppressWarnings("unchecked")
    public static Set<Class<? extends GoodPracticeEvent>> goodPracticeEventTypes() {
        Set<Class<? extends GoodPracticeEvent>> types = new java.util.LinkedHashSet<>();
        for (Class<?> type : GoodPracticeEvent.class.getPermittedSubclasses()) {
            types.add((Class<? extends GoodPracticeEvent>) type);
        }
        return types;
    }

    /** Every dispute event type there is, for tests and tools that must cover them all. */
    @SuppressWarnings("unchecked")
    public static Set<Class<? extends DisputeEvent>> eventTypes() {
        Set<Class<? extends DisputeEvent>> types = new java.util.LinkedHashSet<>();
        for (Class<?> type : DisputeEvent.class.getPermittedSubclasses()) {
            types.add((Class<? extends DisputeEvent>) type);
        }
        return types;
    }
}
