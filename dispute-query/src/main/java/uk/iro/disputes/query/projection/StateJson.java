package uk.iro.disputes.query.projection;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
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
            .build();

    private StateJson() {
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
