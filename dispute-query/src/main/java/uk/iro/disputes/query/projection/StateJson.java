package uk.iro.disputes.query.projection;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import uk.iro.disputes.kernel.state.DisputeState;

/**
 * The fold's state as JSON, kept on the dispute row so that projecting the next event is one {@code evolve}
 * rather than a replay of the stream. Only the record components are written (not derived values such as
 * {@code isOpen()}), so reading it back gives an equal state.
 */
public final class StateJson {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
            .disable(MapperFeature.AUTO_DETECT_GETTERS)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .addModule(new SimpleModule().addSerializer(Set.class, new SortedSetSerializer()))
            .build();

    private StateJson() {
    }

    /**
     * Sets (categories, attendee roles) in their natural order: an immutable set's iteration order changes from one
     * JVM to the next, and the same fold must always be stored as the same JSON.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class SortedSetSerializer extends StdSerializer<Set> {
        SortedSetSerializer() {
            super(Set.class);
        }

        @Override
        public void serialize(Set value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            List<Object> items = new ArrayList<>(value);
            if (items.stream().allMatch(i -> i instanceof Comparable)) {
                items.sort((a, b) -> ((Comparable) a).compareTo(b));
            }
            gen.writeStartArray();
            for (Object item : items) {
                provider.defaultSerializeValue(item, gen);
            }
            gen.writeEndArray();
        }
    }

    public static String write(DisputeState state) {
        try {
            return JSON.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a dispute state could not be written as JSON", e);
        }
    }

    public static DisputeState read(String json) {
        try {
            return JSON.readValue(json, DisputeState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored dispute state could not be read", e);
        }
    }
}
