package uk.iro.disputes.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import uk.iro.disputes.command.publishing.KafkaFixtures.Stored;
import uk.iro.disputes.command.publishing.TopicReader.Published;

/** What a consumer may rely on, checked against what the store recorded. */
final class PublishedStream {
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> BY_TYPE = new ConcurrentHashMap<>();

    private PublishedStream() {
    }

    /** True once every stored event has been read at least once. */
    static boolean containsAll(List<Published> read, List<Stored> stored) {
        Set<String> ids = read.stream().map(Published::ceId).collect(Collectors.toSet());
        return stored.stream().allMatch(s -> ids.contains(s.eventId()));
    }

    /**
     * Every stored event of the disputes arrived, on its dispute's key and partition, and each dispute's events,
     * taken at their first arrival, are exactly its stream in order; any duplicate repeats the first copy exactly,
     * with the same ce_id. Every record has the CloudEvents headers and a value valid against its type's schema.
     *
     * @return the ce_ids that arrived more than once
     */
    static Set<String> assertCompleteAndInOrder(List<Published> read, List<Stored> stored, String source) {
        Set<String> disputes = stored.stream().map(Stored::disputeId).collect(Collectors.toSet());
        List<Published> ours = read.stream().filter(p -> disputes.contains(p.key())).toList();
        Map<String, Published> first = new LinkedHashMap<>();
        Set<String> duplicates = new HashSet<>();
        for (Published p : ours) {
            Published earlier = first.putIfAbsent(p.ceId(), p);
            if (earlier != null) {
                duplicates.add(p.ceId());
                assertThat(p.key()).isEqualTo(earlier.key());
                assertThat(p.value()).as("a duplicate carries the same value").isEqualTo(earlier.value());
                assertThat(p.headers()).as("a duplicate carries the same headers").isEqualTo(earlier.headers());
            }
        }
        Map<String, Stored> storedById = stored.stream().collect(Collectors.toMap(Stored::eventId, s -> s));
        assertThat(first.keySet()).as("nothing but the disputes' stored events")
                .isSubsetOf(storedById.keySet());
        for (String dispute : disputes) {
            List<String> expected = stored.stream().filter(s -> s.disputeId().equals(dispute))
                    .sorted((a, b) -> Long.compare(a.sequence(), b.sequence())).map(Stored::eventId).toList();
            List<Published> arrived = first.values().stream().filter(p -> p.key().equals(dispute)).toList();
            assertThat(arrived.stream().map(Published::ceId).toList())
                    .as("dispute %s: every event, in the order of its stream", dispute)
                    .containsExactlyElementsOf(expected);
            assertThat(arrived.stream().map(Published::partition).distinct().toList())
                    .as("one partition per dispute").hasSize(1);
            List<Long> sequences = arrived.stream().map(Published::sequence).toList();
            for (int i = 0; i < sequences.size(); i++) {
                assertThat(sequences.get(i)).isEqualTo(i);
            }
        }
        for (Published p : ours) {
            assertHeaders(p, storedById.get(p.ceId()), source);
            assertValid(p);
        }
        return duplicates;
    }

    static void assertHeaders(Published p, Stored stored, String source) {
        assertThat(p.header("ce_specversion")).isEqualTo("1.0");
        assertThat(p.header("ce_id")).isEqualTo(stored.eventId());
        assertThat(p.header("ce_type")).isEqualTo("uk.iro.disputes." + stored.type() + ".v1");
        assertThat(p.header("ce_source")).isEqualTo(source);
        assertThat(p.header("ce_subject")).isEqualTo(stored.disputeId()).isEqualTo(p.key());
        assertThat(Instant.parse(p.header("ce_time"))).isEqualTo(stored.timestamp());
        assertThat(p.header("ce_dataschema")).isEqualTo("urn:iro-disputes:schema:events:" + stored.type() + ":v1");
        assertThat(p.header("content-type")).isEqualTo("application/json");
        assertThat(p.header("iro_sequence")).isEqualTo(Long.toString(stored.sequence()));
    }

    /** The value against the JSON Schema its ce_type names, from shared-kernel's resources. */
    static void assertValid(Published p) {
        String type = p.header("ce_type");
        Schema schema = BY_TYPE.computeIfAbsent(type, PublishedStream::schemaFor);
        List<Error> errors = schema.validate(p.value(), InputFormat.JSON);
        assertThat(errors).as("%s %s", type, p.value()).isEmpty();
        // a good-practice alert's events are keyed by the alert, never by a dispute
        String idField = p.key().startsWith("gp-") ? "alertId" : "disputeId";
        assertThat(p.json().get(idField).asText()).isEqualTo(p.key());
    }

    private static Schema schemaFor(String ceType) {
        // uk.iro.disputes.StageOpened.v1 -> schemas/events/StageOpened.v1.schema.json
        String nameAndRevision = ceType.substring("uk.iro.disputes.".length());
        InputStream in = PublishedStream.class.getClassLoader()
                .getResourceAsStream("schemas/events/" + nameAndRevision + ".schema.json");
        assertThat(in).as("a schema for " + ceType).isNotNull();
        return SCHEMAS.getSchema(in);
    }

    static Set<String> types(List<Published> read, Set<String> disputes) {
        return read.stream().filter(p -> disputes.contains(p.key())).map(p -> p.header("ce_type"))
                .collect(Collectors.toCollection(HashSet::new));
    }

    static List<Published> of(List<Published> read, String dispute) {
        return new ArrayList<>(read.stream().filter(p -> dispute.equals(p.key())).toList());
    }
}
