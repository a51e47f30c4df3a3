package uk.iro.disputes.command.api;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Request bodies are read as the JSON they are, never coerced into something else. Out of the box Jackson reads
 * {@code 42} or {@code true} as the text "42" or "true", {@code "true"} or {@code 1} as a boolean, {@code 1} as
 * the second value of an enumeration, {@code 20000} as a date 20000 days after 1970, a date-time as its date, and
 * the last of two same-named fields: each of those would be recorded as if the caller had meant it. Here each is a
 * 400 naming the field. So is text PostgreSQL cannot store (see {@link StorableText}): recorded in an event, it
 * would stop every read model from taking that dispute's events. (Unknown fields are refused by {@code fail-on-unknown-properties} in dispute-command.yaml.)
 *
 * <p>This is the mapper Spring MVC reads HTTP bodies with; the event store's serializer is Axon's own.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJsonInput {

    @Bean
    JsonMapperBuilderCustomizer noCoercionOfRequestBodies() {
        return builder -> builder
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                // Booleans, numbers and dates only from their own JSON form: no "true", 1 or "" for a boolean,
                // no number for a date.
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // A date is yyyy-MM-dd, not a date-time cut short.
                .defaultLeniency(false)
                // Text only from a JSON string.
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .addModule(new SimpleModule("storable-text").addDeserializer(String.class, new StorableText()));
    }

    /**
     * Text as JSON allows and PostgreSQL stores: no NUL character (U+0000, which a JSON string may carry as an
     * escape; text and jsonb refuse it) and no half of a surrogate pair (not a character; not writable as UTF-8).
     */
    public static final class StorableText extends StringDeserializer {
        public static final String MESSAGE = "must be text without NUL characters or unpaired surrogates";

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String value = super.deserialize(p, ctxt);
            if (value != null && !storable(value)) {
                throw ctxt.weirdStringException(value, String.class, MESSAGE);
            }
            return value;
        }

        static boolean storable(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == 0) {
                    return false;
                }
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                        return false;
                    }
                    i++;
                } else if (Character.isLowSurrogate(c)) {
                    return false;
                }
            }
            return true;
        }
    }
}
