package uk.iro.disputes.kernel.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.dispute.ChildReference;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeAcknowledged;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeEvent;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeId;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeRecorded;

/** Good-practice alerts' events on the stream: their own schemas and key, and never the description. */
class GoodPracticeShapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final GoodPracticeId ID = GoodPracticeId.of("gp-5e1");
    private static final StaffReference IRO = StaffReference.of("iro-1", Role.IRO);
    private static final StaffReference TM = StaffReference.of("tm-1", Role.TEAM_MANAGER);

    static List<GoodPracticeEvent> samples() {
        return List.of(
                new GoodPracticeRecorded(ID, ChildReference.of("CASE-9"), "Team A", DisputeId.of("d-1"), TM,
                        ReportingShapeTest.SECRET + "good", IRO, LocalDate.of(2026, 3, 2)),
                new GoodPracticeRecorded(ID, ChildReference.of("CASE-9"), "Team A", null, null, null,
                        StaffReference.of("chair-2", Role.CP_CHAIR), LocalDate.of(2026, 3, 2)),
                new GoodPracticeAcknowledged(ID, TM, LocalDate.of(2026, 3, 4)));
    }

    private static JsonNode schemaJson(Class<?> type) throws IOException {
        try (InputStream in = GoodPracticeShapeTest.class.getClassLoader()
                .getResourceAsStream(ReportingEvents.schemaResource(type))) {
            assertThat(in).as(ReportingEvents.schemaResource(type)).isNotNull();
            return JSON.readTree(in);
        }
    }

    @Test
    void eachTypeHasItsSchemaAndEveryValueValidatesWithExactlyItsKeys() throws IOException {
        assertThat(ReportingEvents.goodPracticeEventTypes())
                .containsExactly(GoodPracticeRecorded.class, GoodPracticeAcknowledged.class);
        for (GoodPracticeEvent event : samples()) {
            Class<?> type = event.getClass();
            JsonNode schemaJson = schemaJson(type);
            assertThat(schemaJson.get("$id").asText()).isEqualTo(ReportingEvents.schemaId(type));
            assertThat(ReportingEvents.cloudEventType(type))
                    .isEqualTo("uk.iro.disputes." + type.getSimpleName() + ".v1");
            Schema schema = SCHEMAS.getSchema(schemaJson.toString(), InputFormat.JSON);
            JsonNode value = JSON.readTree(ReportingEvents.toJson(event));
            assertThat(schema.validate(value.toString(), InputFormat.JSON)).as(value.toString()).isEmpty();
            Set<String> published = new LinkedHashSet<>();
            value.fieldNames().forEachRemaining(published::add);
            Set<String> declared = new LinkedHashSet<>();
            schemaJson.get("properties").fieldNames().forEachRemaining(declared::add);
            assertThat(published).containsExactlyElementsOf(declared);
            assertThat(value.get("alertId").asText()).isEqualTo("gp-5e1");
            assertThat(value.has("disputeId")).as("an alert is not a dispute").isFalse();
        }
    }

    @Test
    void theDescriptionNeverReachesTheStreamAndADisputeIdIsNotAnAlertId() throws IOException {
        String recorded = new String(ReportingEvents.toJson(samples().get(0)), StandardCharsets.UTF_8);
        assertThat(recorded).doesNotContain(ReportingShapeTest.SECRET).contains("\"relatedDisputeId\":\"d-1\"");
        ObjectNode value = (ObjectNode) JSON.readTree(recorded);
        value.put("alertId", "d-1");
        Schema schema = SCHEMAS.getSchema(schemaJson(GoodPracticeRecorded.class).toString(), InputFormat.JSON);
        assertThat(schema.validate(value.toString(), InputFormat.JSON)).isNotEmpty();
    }
}
