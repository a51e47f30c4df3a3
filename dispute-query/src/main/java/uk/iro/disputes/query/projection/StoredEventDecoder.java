package uk.iro.disputes.query.projection;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.LazyDeserializingObject;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;

/**
 * The event store's rows as event messages, for a rebuild's replay ({@link BulkRebuild}): what Axon's
 * {@code EventUtils.upcastAndDeserializeTrackedEvents} makes of them, at less cost per event.
 *
 * <p>Every row still goes through the upcaster chain. A row no upcaster changed (it comes out as the
 * {@link InitialEventRepresentation} it went in as) is read straight from its bytes, with the JSON readers of its
 * payload's class and of the metadata made once, not once per event; anything else (a row an upcaster changed, a
 * serializer that is not Jackson's, a payload type no class is known for) is made into a message exactly as Axon
 * makes it. The rows' timestamps are read by hand when they have the form Axon writes them in.
 *
 * <p>Why (issue 8): on a million-event store, three quarters of the reading thread's time went to Axon's
 * deserialization: a JSON reader looked up for every payload and every metadata map, the timestamp parsed by a
 * {@code DateTimeFormatter}.
 */
final class StoredEventDecoder {
    private final Serializer serializer;
    private final EventUpcaster upcasters;
    private final ObjectMapper json;
    private final ObjectReader metaData;
    private final Map<SerializedType, Class<?>> classes = new HashMap<>();
    private final Map<Class<?>, ObjectReader> readers = new HashMap<>();

    StoredEventDecoder(Serializer serializer, EventUpcaster upcasters) {
        this.serializer = serializer;
        this.upcasters = upcasters;
        this.json = serializer instanceof JacksonSerializer jackson ? jackson.getObjectMapper() : null;
        // Read as the map it is: Axon's own MetaData deserializer looks up a map reader for every event.
        this.metaData = json == null ? null : json.readerFor(new TypeReference<Map<String, Object>>() { });
    }

    /** One row of the event store, as read; its timestamp is the column's text. */
    record Row(long globalIndex, String type, String aggregateIdentifier, long sequenceNumber,
            String eventIdentifier, String timestamp, String payloadType, String payloadRevision, byte[] payload,
            byte[] metaData) implements DomainEventData<byte[]> {

        @Override
        public String getType() {
            return type;
        }

        @Override
        public String getAggregateIdentifier() {
            return aggregateIdentifier;
        }

        @Override
        public long getSequenceNumber() {
            return sequenceNumber;
        }

        @Override
        public String getEventIdentifier() {
            return eventIdentifier;
        }

        @Override
        public Instant getTimestamp() {
            return instant(timestamp);
        }

        @Override
        public SerializedObject<byte[]> getMetaData() {
            return new SerializedMetaData<>(metaData, byte[].class);
        }

        @Override
        public SerializedObject<byte[]> getPayload() {
            return new SimpleSerializedObject<>(payload, byte[].class, payloadType, payloadRevision);
        }
    }

    /** The rows as messages, in order; a row an upcaster splits or drops gives as many messages as it says. */
    Stream<DomainEventMessage<?>> messages(Stream<Row> rows) {
        return upcasters.upcast(rows.map(row -> (IntermediateEventRepresentation) new InitialEventRepresentation(
                        new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(row.globalIndex()), row),
                        serializer)))
                .map(this::message);
    }

    private DomainEventMessage<?> message(IntermediateEventRepresentation event) {
        return new GenericTrackedDomainEventMessage<>(event.getTrackingToken().orElseThrow(),
                event.getAggregateType().orElse(null), event.getAggregateIdentifier().orElseThrow(),
                event.getSequenceNumber().orElseThrow(), payloadAndMetaData(event), event::getTimestamp);
    }

    /** Read now from the row's bytes when no upcaster changed it; otherwise as Axon reads it, when asked. */
    private Message<?> payloadAndMetaData(IntermediateEventRepresentation event) {
        if (json != null && event instanceof InitialEventRepresentation) {
            Class<?> type = classes.computeIfAbsent(event.getType(), serializer::classForType);
            if (type != UnknownSerializedType.class && event.getData().getData() instanceof byte[] payload) {
                Object meta = event.getMetaData().getSerializedObject().getData();
                try {
                    return new GenericMessage<>(event.getMessageIdentifier(),
                            readers.computeIfAbsent(type, json::readerFor).readValue(payload),
                            meta instanceof byte[] bytes ? MetaData.from(metaData.readValue(bytes))
                                    : MetaData.emptyInstance());
                } catch (IOException e) {
                    throw new UncheckedIOException("event " + event.getMessageIdentifier() + " cannot be read", e);
                }
            }
        }
        // As Axon makes it (EventUtils.upcastAndDeserializeTrackedEvents).
        return new SerializedMessage<>(event.getMessageIdentifier(),
                new LazyDeserializingObject<>(event::getData, event.getType(), serializer), event.getMetaData());
    }

    /**
     * A stored timestamp: read by hand when it has the form Axon writes ({@code 2026-11-30T14:46:27.169Z}, three to
     * nine digits of fraction, in UTC), else by Axon.
     */
    static Instant instant(String text) {
        int length = text.length();
        if (length < 24 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || text.charAt(19) != '.') {
            return DateTimeUtils.parseInstant(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = digits(text, 20, length - 1);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth()
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || nanos < 0) {
            return DateTimeUtils.parseInstant(text);
        }
        for (int i = length - 1 - 20; i < 9; i++) {
            nanos *= 10;
        }
        long seconds = LocalDate.of(year, month, day).toEpochDay() * 86_400 + hour * 3_600L + minute * 60L + second;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** The decimal number in {@code text[from, to)}, or -1 if anything there is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
