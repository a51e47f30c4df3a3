package uk.iro.disputes.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.iro.disputes.kernel.dispute.MeetingOutcome;
import uk.iro.disputes.kernel.dispute.PlannedAction;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.query.support.QueryServiceTest;
import uk.iro.disputes.query.support.RealDispute;

/**
 * A rebuild reads the store's rows into messages by {@link StoredEventDecoder}: they must be the messages Axon makes
 * of the same rows, and an upcaster must still have its say.
 */
class StoredEventDecoderTest extends QueryServiceTest {
    private static final StaffReference SW = StaffReference.of("sw-41", Role.SOCIAL_WORKER);
    private static final StaffReference TM = StaffReference.of("tm-7", Role.TEAM_MANAGER);
    @Autowired
    Configuration axon;

    @Test
    void theMessagesAreAxonsOwnForEveryEventOfARealDispute() {
        List<StoredEventDecoder.Row> rows = rowsOf(varied());
        assertThat(rows).hasSizeGreaterThan(8);

        List<DomainEventMessage<?>> decoded = new StoredEventDecoder(eventSerializer, axon.upcasterChain())
                .messages(rows.stream()).toList();
        List<TrackedEventMessage<?>> axons = byAxon(rows, axon.upcasterChain());

        assertThat(decoded).hasSameSizeAs(axons);
        for (int i = 0; i < decoded.size(); i++) {
            DomainEventMessage<?> ours = decoded.get(i);
            DomainEventMessage<?> theirs = (DomainEventMessage<?>) axons.get(i);
            assertThat(ours.getPayload()).isEqualTo(theirs.getPayload());
            assertThat(ours.getPayload().getClass().getSimpleName()).isEqualTo(ours.getPayloadType().getSimpleName());
            assertThat(ours.getMetaData()).isEqualTo(theirs.getMetaData()).containsKeys("subject", "role", "hash");
            assertThat(ours.getTimestamp()).isEqualTo(theirs.getTimestamp());
            assertThat(ours.getIdentifier()).isEqualTo(theirs.getIdentifier());
            assertThat(ours.getAggregateIdentifier()).isEqualTo(theirs.getAggregateIdentifier());
            assertThat(ours.getSequenceNumber()).isEqualTo(theirs.getSequenceNumber());
            assertThat(ours.getType()).isEqualTo(theirs.getType());
            assertThat(((TrackedEventMessage<?>) ours).trackingToken()).isEqualTo(axons.get(i).trackingToken());
        }
    }

    /** A row an upcaster changes is read as Axon reads it, upcast; the others as they are. */
    @Test
    void anUpcastersChangeIsKept() {
        List<StoredEventDecoder.Row> rows = rowsOf(varied());
        String upcastType = rows.get(1).payloadType();
        EventUpcaster upcaster = new SingleEventUpcaster() {
            @Override
            protected boolean canUpcast(IntermediateEventRepresentation event) {
                return event.getType().getName().equals(upcastType);
            }

            @Override
            protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
                return event.upcast(event.getType(), byte[].class, Function.identity(),
                        meta -> meta.and("upcast", "yes"));
            }
        };

        List<DomainEventMessage<?>> decoded = new StoredEventDecoder(eventSerializer,
                new EventUpcasterChain(upcaster)).messages(rows.stream()).toList();

        assertThat(decoded).hasSameSizeAs(rows);
        for (int i = 0; i < decoded.size(); i++) {
            boolean upcast = rows.get(i).payloadType().equals(upcastType);
            assertThat(decoded.get(i).getMetaData().get("upcast")).as("event %d", i).isEqualTo(upcast ? "yes" : null);
            assertThat(decoded.get(i).getPayload()).isEqualTo(byAxon(List.of(rows.get(i)), upcaster).get(0)
                    .getPayload());
        }
        assertThat(rows.stream().filter(r -> r.payloadType().equals(upcastType)).count()).isPositive()
                .isLessThan(rows.size());
    }

    /** Timestamps read by hand come out as Axon reads them; any other form is left to Axon. */
    @Test
    void timestampsAreReadAsAxonReadsThem() {
        Random random = new Random(7);
        List<String> texts = new ArrayList<>(List.of("2024-02-29T23:59:59.999Z", "2026-11-30T14:46:27.000Z",
                "1970-01-01T00:00:00.000Z", "2026-03-29T01:00:00.123456789Z", "2026-11-30T14:46:27.1234Z",
                // Not the form Axon writes: read by Axon.
                "2026-11-30T14:46:27Z", "2026-11-30T14:46:27.169+01:00", "2026-11-30t14:46:27.169z",
                "2026-11-30T14:46:27.1Z", "+10000-01-01T00:00:00.000Z"));
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-2_000_000_000L, 8_000_000_000L),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            texts.add(DateTimeUtils.formatInstant(instant));
        }
        for (String text : texts) {
            assertThat(StoredEventDecoder.instant(text)).as(text).isEqualTo(DateTimeUtils.parseInstant(text));
        }
        assertThatThrownBy(() -> StoredEventDecoder.instant("2026-02-29T00:00:00.000Z"))
                .as("no such day: Axon's answer").isInstanceOf(DateTimeParseException.class);
    }

    /** Metadata read by hand is the map Jackson reads; anything but an object of plain strings is left to Jackson. */
    @Test
    void metaDataReadByHandIsTheMapJacksonReads() throws Exception {
        ObjectMapper jackson = new ObjectMapper();
        List<String> byHand = List.of("{\"role\":\"IRO\",\"subject\":\"iro-1\",\"hash\":\"c025\"}", "{}", " { } ",
                "{ \"a\" : \"1\" ,\n\t\"b\":\"\"\r\n}", "{\"k\":\"caf\u00e9 \u2603 \uD83D\uDE00\"}",
                "{\"same\":\"first\",\"same\":\"last\"}", "{\"\":\"empty key\"}");
        for (String text : byHand) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            assertThat(StoredEventDecoder.flatStrings(bytes)).as(text)
                    .isEqualTo(jackson.readValue(bytes, new TypeReference<Map<String, Object>>() { }));
        }
        assertThat(StoredEventDecoder.flatStrings("{\"same\":\"first\",\"same\":\"last\"}"
                .getBytes(StandardCharsets.UTF_8))).containsExactly(Map.entry("same", "last"));
        List<String> leftToJackson = List.of("{\"k\":\"a\\\"b\"}", "{\"k\":\"\\u0041\"}", "{\"k\\n\":\"v\"}",
                "{\"n\":1}", "{\"b\":true}", "{\"z\":null}", "{\"o\":{\"x\":\"y\"}}", "{\"a\":[\"x\"]}",
                "{\"k\":\"tab\there\"}", "", "[]", "{", "{\"k\":\"v\"", "{\"k\":\"v\",}", "{\"k\":\"v\"} x",
                "{\"k\" \"v\"}", "{k:\"v\"}", "{\"k\":\"v\"}}", "{\"k\":\"v\",\"\"}");
        for (String text : leftToJackson) {
            assertThat(StoredEventDecoder.flatStrings(text.getBytes(StandardCharsets.UTF_8))).as(text).isNull();
        }
    }

    /** Dates read by hand are Jackson's own; any other form is left to Jackson's reader, errors and all. */
    @Test
    void datesAreReadAsJacksonReadsThem() throws Exception {
        ObjectMapper jackson = JsonMapper.builder().addModule(new JavaTimeModule()).build();
        ObjectMapper byHand = jackson.copy().registerModule(new SimpleModule().addDeserializer(LocalDate.class,
                new StoredEventDecoder.LocalDates()));
        Random random = new Random(11);
        List<String> texts = new ArrayList<>(List.of("\"2024-02-29\"", "\"0001-01-01\"", "\"9999-12-31\"",
                "\"2026-11-30\"", "[2026,11,30]", "\"+10000-01-01\"", "\"2026-11-30T10:15:30\"", "\"\"", "null"));
        for (int i = 0; i < 5_000; i++) {
            texts.add("\"" + LocalDate.ofEpochDay(random.nextLong(-700_000, 2_900_000)) + "\"");
        }
        for (String text : texts) {
            assertThat(byHand.readValue(text, LocalDate.class)).as(text)
                    .isEqualTo(jackson.readValue(text, LocalDate.class));
        }
        for (String bad : List.of("\"2026-02-29\"", "\"2026-13-01\"", "\"2026-00-10\"", "\"2026-1-011\"",
                "\"2026/11/30\"", "\"20a6-11-30\"", "\"2026-11-3x\"")) {
            assertThatThrownBy(() -> jackson.readValue(bad, LocalDate.class)).as(bad)
                    .isInstanceOf(JsonProcessingException.class);
            assertThatThrownBy(() -> byHand.readValue(bad, LocalDate.class)).as(bad)
                    .isInstanceOf(JsonProcessingException.class);
        }
    }

    private RealDispute varied() {
        LocalDate today = RealDispute.today();
        RealDispute d = realDispute("durham").raise(Track.INFORMAL);
        d.respond(SW, "Assessment requested\ttoday.", new PlannedAction("Book the health assessment", SW,
                today.plusDays(7)));
        d.escalate(null);
        d.acknowledge(TM);
        d.meeting(TM, MeetingOutcome.ACTIONS_AGREED, Role.IRO, Role.TEAM_MANAGER);
        d.legalAdvice();
        d.childInformed();
        return d;
    }

    private List<StoredEventDecoder.Row> rowsOf(RealDispute d) {
        return jdbc.sql("SELECT globalindex, type, aggregateidentifier, sequencenumber, eventidentifier, timestamp,"
                        + " payloadtype, payloadrevision, payload, metadata FROM disputes_command.domainevententry"
                        + " WHERE aggregateidentifier = :id ORDER BY sequencenumber")
                .param("id", d.idValue())
                .query((rs, i) -> new StoredEventDecoder.Row(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getBytes(9), rs.getBytes(10)))
                .list();
    }

    private List<TrackedEventMessage<?>> byAxon(List<StoredEventDecoder.Row> rows, EventUpcaster upcasters) {
        Stream<TrackedDomainEventData<?>> data = rows.stream().map(r -> new TrackedDomainEventData<>(
                new GlobalSequenceTrackingToken(r.globalIndex()), new GenericDomainEventEntry<>(r.type(),
                        r.aggregateIdentifier(), r.sequenceNumber(), r.eventIdentifier(), r.timestamp(),
                        r.payloadType(), r.payloadRevision(), r.payload(), r.metaData())));
        return EventUtils.upcastAndDeserializeTrackedEvents(data, eventSerializer, upcasters).toList();
    }
}
