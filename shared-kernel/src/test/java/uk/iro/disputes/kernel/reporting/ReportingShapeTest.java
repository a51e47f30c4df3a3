package uk.iro.disputes.kernel.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.dispute.ChildReference;
import uk.iro.disputes.kernel.dispute.ChildStatus;
import uk.iro.disputes.kernel.dispute.ConcernCategory;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.MeetingOutcome;
import uk.iro.disputes.kernel.dispute.MonitoringNextStep;
import uk.iro.disputes.kernel.dispute.PlannedAction;
import uk.iro.disputes.kernel.dispute.ProgressRating;
import uk.iro.disputes.kernel.dispute.ResolutionOutcome;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.event.*;
import uk.iro.disputes.kernel.policy.CafcassRule;
import uk.iro.disputes.kernel.policy.PolicyRef;
import uk.iro.disputes.kernel.policy.StageKey;

/** The reporting shape against the published schemas: every type, with and without its optional values. */
class ReportingShapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    static final DisputeId ID = DisputeId.of("d-7f3a");
    static final StaffReference IRO = StaffReference.of("iro-1", Role.IRO);
    static final StaffReference TM = StaffReference.of("tm-1", Role.TEAM_MANAGER);
    static final StaffReference IROM = StaffReference.of("irom-3", Role.IRO_MANAGER);
    static final StageKey ONE = StageKey.of("stage-1");
    static final StageKey TWO = StageKey.of("stage-2");
    /** Free text, marked so that any leak into the stream is found. */
    static final String SECRET = "FREE-TEXT-";

    static LocalDate d(int month, int day) {
        return LocalDate.of(2026, month, day);
    }

    static List<PlannedAction> actions() {
        return List.of(new PlannedAction(SECRET + "action", TM, d(4, 30)),
                new PlannedAction(SECRET + "action-2", IRO, d(5, 1)));
    }

    /** Every type with every optional value present. */
    static List<DisputeEvent> full() {
        return List.of(
                new DisputeRaised(ID, new PolicyRef("durham", 2), ChildReference.of("CASE/1"), "Team A", IRO,
                        Track.IMMEDIATE_CONCERN,
                        Set.of(ConcernCategory.HEALTH, ConcernCategory.CARE_PLAN_DRIFT_OR_DELAY),
                        SECRET + "concern", SECRET + "desired", IROM, ProgressRating.AMBER, d(3, 2), d(3, 4),
                        ChildStatus.CHILD_PROTECTION),
                new StageOpened(ID, ONE, "Stage 1: Team Manager", Role.TEAM_MANAGER, TM, true, d(3, 2), d(3, 9)),
                new FormalProcessStarted(ID, ONE, d(3, 2), d(3, 25), d(3, 30)),
                new StageResponseRecorded(ID, ONE, TM, SECRET + "response", actions(), d(3, 5)),
                new DisputeEscalated(ID, ONE, StageKey.of("stage-3"), List.of(TWO), SECRET + "reason", IRO, IROM,
                        d(3, 6)),
                new StageTimescaleExtended(ID, ONE, d(3, 9), d(3, 12), SECRET + "benefit", IRO, d(3, 6)),
                new DisputeResolutionMeetingRecorded(ID, ONE, d(3, 6), Set.of(Role.TEAM_MANAGER, Role.IRO),
                        MeetingOutcome.ACTIONS_AGREED, SECRET + "minutes", IRO, d(3, 6)),
                new StageOverdue(ID, ONE, d(3, 9), d(3, 10)),
                new StatutoryTimescaleBreached(ID, d(3, 30), d(3, 31)),
                new DisputeResolved(ID, ResolutionOutcome.RESOLVED, SECRET + "summary", actions(), ONE, IRO, d(4, 1),
                        d(4, 15)),
                new MonitoringOutcomeRecorded(ID, false, MonitoringNextStep.ESCALATE, SECRET + "notes", IRO, d(4, 15)),
                new DisputeReopened(ID, ONE, SECRET + "reason", d(4, 15)),
                new ReferredToCafcass(ID, ONE, SECRET + "reason", IRO, IROM, CafcassRule.Effect.CLOSES_ESCALATION,
                        d(4, 16)),
                new IndependentLegalAdviceRequested(ID, SECRET + "reason", IRO, d(4, 16)),
                new ChildInformed(ID, d(4, 16), SECRET + "how", IRO, d(4, 17)),
                new DisputeWithdrawn(ID, SECRET + "reason", IROM, d(4, 18)),
                new DisputeClosed(ID, IRO, d(4, 20)),
                new StageDueSoon(ID, ONE, d(3, 9), d(3, 8), 1),
                new MonitoringMeetingOverdue(ID, d(4, 15), d(4, 16)),
                new StageAcknowledged(ID, ONE, TM, d(3, 3), 1));
    }

    /** The types with optional values, with every optional value absent. */
    static List<DisputeEvent> sparse() {
        return List.of(
                new DisputeRaised(ID, new PolicyRef("wakefield", 1), ChildReference.of("C1"), "Team B", IRO,
                        Track.INFORMAL, Set.of(), null, null, null, null, d(3, 2), null),
                new StageOpened(ID, StageKey.INFORMAL, "Informal", Role.SOCIAL_WORKER, null, false, d(3, 2), null),
                new FormalProcessStarted(ID, ONE, d(3, 2), null, d(3, 30)),
                new StageResponseRecorded(ID, ONE, TM, null, List.of(), d(3, 5)),
                new DisputeEscalated(ID, ONE, TWO, List.of(), null, IRO, null, d(3, 6)),
                new DisputeResolved(ID, ResolutionOutcome.MANAGEMENT_DECISION, null, List.of(), TWO, IROM, d(4, 1),
                        null),
                new MonitoringOutcomeRecorded(ID, true, null, null, IRO, d(4, 15)),
                new ReferredToCafcass(ID, TWO, "x", IRO, null, CafcassRule.Effect.CONTINUES_ALONGSIDE, d(4, 16)));
    }

    static Schema schemaOf(Class<? extends DisputeEvent> type) {
        return SCHEMAS.getSchema(resource(ReportingEvents.schemaResource(type)));
    }

    static JsonNode schemaJson(Class<? extends DisputeEvent> type) throws IOException {
        try (InputStream in = resource(ReportingEvents.schemaResource(type))) {
            return JSON.readTree(in);
        }
    }

    static InputStream resource(String name) {
        InputStream in = ReportingEvents.class.getClassLoader().getResourceAsStream(name);
        assertThat(in).as("classpath resource " + name).isNotNull();
        return in;
    }

    static List<Error> validate(Class<? extends DisputeEvent> type, JsonNode value) {
        return schemaOf(type).validate(value.toString(), InputFormat.JSON);
    }

    @Test
    void everyEventTypeHasASchemaNamedByItsRevisionWhoseKeysAreAllRequired() throws IOException {
        Set<Class<? extends DisputeEvent>> types = ReportingEvents.eventTypes();
        assertThat(types).hasSize(20);
        for (Class<? extends DisputeEvent> type : types) {
            JsonNode schema = schemaJson(type);
            assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.get("$id").asText()).isEqualTo(ReportingEvents.schemaId(type));
            Set<String> properties = new LinkedHashSet<>();
            schema.get("properties").fieldNames().forEachRemaining(properties::add);
            Set<String> required = new LinkedHashSet<>();
            schema.get("required").forEach(r -> required.add(r.asText()));
            assertThat(required).as(type.getSimpleName()).isEqualTo(properties);
            assertThat(ReportingEvents.cloudEventType(type))
                    .isEqualTo("uk.iro.disputes." + type.getSimpleName() + ".v1");
        }
    }

    @Test
    void everyEventTypeValidatesWithAndWithoutItsOptionalValuesAndPublishesExactlyTheSchemasKeys() throws IOException {
        List<DisputeEvent> samples = new ArrayList<>(full());
        samples.addAll(sparse());
        assertThat(full().stream().map(Object::getClass).collect(Collectors.toSet()))
                .isEqualTo(new HashSet<>(ReportingEvents.eventTypes()));
        for (DisputeEvent event : samples) {
            Class<? extends DisputeEvent> type = event.getClass();
            JsonNode value = JSON.readTree(ReportingEvents.toJson(event));
            assertThat(validate(type, value)).as(type.getSimpleName() + " " + value).isEmpty();

            Set<String> published = new LinkedHashSet<>();
            value.fieldNames().forEachRemaining(published::add);
            Set<String> declared = new LinkedHashSet<>();
            schemaJson(type).get("properties").fieldNames().forEachRemaining(declared::add);
            assertThat(published).as(type.getSimpleName()).containsExactlyElementsOf(declared);
            assertThat(value.get("disputeId").asText()).isEqualTo(ID.value());
        }
    }

    @Test
    void noFreeTextReachesTheReportingShape() {
        for (DisputeEvent event : full()) {
            String value = new String(ReportingEvents.toJson(event), StandardCharsets.UTF_8);
            assertThat(value).as(event.getClass().getSimpleName()).doesNotContain(SECRET);
        }
        // the list of what is left out names real components of the records
        ReportingEvents.FREE_TEXT.forEach((type, fields) -> fields.forEach(field -> {
            String component = field.contains("[") ? field.substring(0, field.indexOf('[')) : field;
            assertThat(Arrays.stream(type.getRecordComponents()).map(c -> c.getName()))
                    .as(type.getSimpleName()).contains(component);
        }));
    }

    @Test
    void theShapeCarriesIdsRolesDatesAndOutcomes() {
        ObjectNode raised = ReportingEvents.toReporting(full().get(0));
        assertThat(raised.toString()).isEqualTo("{\"disputeId\":\"d-7f3a\","
                + "\"policy\":{\"id\":\"durham\",\"version\":2},\"childCaseId\":\"CASE/1\","
                + "\"responsibleTeam\":\"Team A\",\"iro\":{\"staffId\":\"iro-1\",\"role\":\"IRO\"},"
                + "\"track\":\"IMMEDIATE_CONCERN\",\"categories\":[\"CARE_PLAN_DRIFT_OR_DELAY\",\"HEALTH\"],"
                + "\"consultee\":{\"staffId\":\"irom-3\",\"role\":\"IRO_MANAGER\"},\"progressRating\":\"AMBER\","
                + "\"raisedOn\":\"2026-03-02\",\"writtenRecordDueOn\":\"2026-03-04\",\"childStatus\":\"CHILD_PROTECTION\"}");
        assertThat(ReportingEvents.toReporting(sparse().get(0)).get("childStatus").asText()).isEqualTo("LOOKED_AFTER");
        ObjectNode response = ReportingEvents.toReporting(full().get(3));
        assertThat(response.get("plannedActions").toString()).isEqualTo(
                "[{\"owner\":{\"staffId\":\"tm-1\",\"role\":\"TEAM_MANAGER\"},\"dueBy\":\"2026-04-30\"},"
                        + "{\"owner\":{\"staffId\":\"iro-1\",\"role\":\"IRO\"},\"dueBy\":\"2026-05-01\"}]");
        ObjectNode started = ReportingEvents.toReporting(full().get(2));
        assertThat(started.get("totalDueDate").asText()).isEqualTo("2026-03-25");
    }

    @Test
    void theSchemasRejectWhatTheShapeMustNeverBe() throws IOException {
        ObjectNode opened = (ObjectNode) JSON.readTree(ReportingEvents.toJson(full().get(1)));
        assertThat(validate(StageOpened.class, opened)).isEmpty();

        ObjectNode missingKey = opened.deepCopy();
        missingKey.remove("dueDate");
        assertThat(validate(StageOpened.class, missingKey)).isNotEmpty();

        ObjectNode badDate = opened.deepCopy();
        badDate.put("openedOn", "02/03/2026");
        assertThat(validate(StageOpened.class, badDate)).isNotEmpty();

        ObjectNode unknownRole = opened.deepCopy();
        unknownRole.put("assigneeRole", "HEAD_TEACHER");
        assertThat(validate(StageOpened.class, unknownRole)).isNotEmpty();

        ObjectNode nameNotId = opened.deepCopy();
        ((ObjectNode) nameNotId.get("assignee")).remove("staffId");
        assertThat(validate(StageOpened.class, nameNotId)).isNotEmpty();
    }

    @Test
    void theSchemasEnumerationsAreTheDomainsOwn() throws IOException {
        Map<String, Class<? extends Enum<?>>> enums = Map.of(
                "role", Role.class, "track", Track.class, "category", ConcernCategory.class,
                "progressRating", ProgressRating.class, "meetingOutcome", MeetingOutcome.class,
                "resolutionOutcome", ResolutionOutcome.class, "monitoringNextStep", MonitoringNextStep.class,
                "cafcassEffect", CafcassRule.Effect.class, "childStatus", ChildStatus.class);
        Set<String> seen = new HashSet<>();
        for (Class<? extends DisputeEvent> type : ReportingEvents.eventTypes()) {
            JsonNode defs = schemaJson(type).get("$defs");
            for (Map.Entry<String, Class<? extends Enum<?>>> entry : enums.entrySet()) {
                JsonNode def = defs.get(entry.getKey());
                if (def == null) {
                    continue;
                }
                seen.add(entry.getKey());
                List<String> listed = new ArrayList<>();
                def.get("enum").forEach(v -> listed.add(v.asText()));
                assertThat(listed).as(type.getSimpleName() + " " + entry.getKey()).containsExactlyElementsOf(
                        Arrays.stream(entry.getValue().getEnumConstants()).map(Enum::name).toList());
            }
        }
        assertThat(seen).isEqualTo(enums.keySet());
    }
}
