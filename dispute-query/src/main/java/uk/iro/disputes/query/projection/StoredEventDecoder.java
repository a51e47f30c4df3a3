package uk.iro.disputes.query.projection;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * makes it. The rows' timestamps, their metadata (when it is an object of plain strings, as ours is) and their
 * payloads' dates are read by hand when they have the form they are written in.
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
        // The serializer's own mapper, but for dates in the form it writes them, read by hand (LocalDates).
        this.json = serializer instanceof JacksonSerializer jackson ? jackson.getObjectMapper().copy()
                .registerModule(new SimpleModule("iro-replay-dates").addDeserializer(LocalDate.class,
                        new LocalDates())) : null;
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
                            meta instanceof byte[] bytes ? MetaData.from(metaData(bytes)) : MetaData.emptyInstance());
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
     * The metadata's map: read by hand when it is what Axon's serializer writes for ours, one JSON object of plain
     * strings ({@link #flatStrings}); anything else as Jackson reads it. Jackson's reading of the map was a fifth of
     * the replay's reading thread (issue 8).
     */
    private Map<String, Object> metaData(byte[] bytes) throws IOException {
        Map<String, Object> flat = flatStrings(bytes);
        return flat != null ? flat : metaData.readValue(bytes);
    }

    /**
     * A JSON object whose values are all strings, none with an escape or a control character ({@code {"k": "v"}},
     * with any whitespace between the tokens), as the map Jackson would read; null if the text is anything else,
     * valid or not, which is then left to Jackson. Keys and values are UTF-8.
     */
    static Map<String, Object> flatStrings(byte[] json) {
        Map<String, Object> map = new LinkedHashMap<>();
        int i = space(json, 0);
        if (i >= json.length || json[i] != '{') {
            return null;
        }
        i = space(json, i + 1);
        if (i < json.length && json[i] == '}') {
            return space(json, i + 1) == json.length ? map : null;
        }
        while (true) {
            int keyEnd = stringEnd(json, i);
            if (keyEnd < 0) {
                return null;
            }
            String key = new String(json, i + 1, keyEnd - i - 1, StandardCharsets.UTF_8);
            i = space(json, keyEnd + 1);
            if (i >= json.length || json[i] != ':') {
                return null;
            }
            i = space(json, i + 1);
            int valueEnd = stringEnd(json, i);
            if (valueEnd < 0) {
                return null;
            }
            map.put(key, new String(json, i + 1, valueEnd - i - 1, StandardCharsets.UTF_8));
            i = space(json, valueEnd + 1);
            if (i >= json.length) {
                return null;
            }
            if (json[i] == '}') {
                return space(json, i + 1) == json.length ? map : null;
            }
            if (json[i] != ',') {
                return null;
            }
            i = space(json, i + 1);
        }
    }

    /** Where the string beginning at {@code from} (its opening quote) ends (its closing quote); -1 if it is not one. */
    private static int stringEnd(byte[] json, int from) {
        if (from >= json.length || json[from] != '"') {
            return -1;
        }
        for (int i = from + 1; i < json.length; i++) {
            byte b = json[i];
            if (b == '"') {
                return i;
            }
            // An escape, or a control character (which JSON does not allow in a string): Jackson's to read or refuse.
            if (b == '\\' || (b >= 0 && b < 0x20)) {
                return -1;
            }
        }
        return -1;
    }

    private static int space(byte[] json, int from) {
        int i = from;
        while (i < json.length && (json[i] == ' ' || json[i] == '\t' || json[i] == '\n' || json[i] == '\r')) {
            i++;
        }
        return i;
    }

    /**
     * An event's dates, read by hand when they have the form Jackson writes them in ({@code 2026-11-30}); in any
     * other form, or not a date at all, as Jackson's own {@link LocalDateDeserializer} reads it. Its parse through a
     * {@code DateTimeFormatter} was a tenth of the replay's reading thread (issue 8).
     */
    static final class LocalDates extends StdScalarDeserializer<LocalDate> {
        LocalDates() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                String text = parser.getText();
                if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
                    int year = digits(text, 0, 4);
                    int month = digits(text, 5, 7);
                    int day = digits(text, 8, 10);
                    if (year >= 0 && month >= 1 && month <= 12 && day >= 1
                            && day <= LocalDate.of(year, month, 1).lengthOfMonth()) {
                        return LocalDate.of(year, month, day);
                    }
                }
            }
            return LocalDateDeserializer.INSTANCE.deserialize(parser, context);
        }
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
