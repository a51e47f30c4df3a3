package uk.iro.disputes.kernel.goodpractice;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Identity of one good-practice alert: its aggregate identifier and Kafka key. Always {@code gp-} and more, so it
 * can never be a dispute's id (those are bare UUIDs) in the shared event store.
 */
public record GoodPracticeId(String value) {
    private static final Pattern FORM = Pattern.compile("gp-[A-Za-z0-9-]{1,61}");

    public GoodPracticeId {
        Objects.requireNonNull(value, "alertId");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("a good-practice id is gp- and 1-61 letters, digits or hyphens");
        }
    }

    public static GoodPracticeId newId() {
        return new GoodPracticeId("gp-" + UUID.randomUUID());
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static GoodPracticeId of(String value) {
        return new GoodPracticeId(value);
    }

    /** Axon takes the identifier's string form, so it must be the bare value. */
    @Override
    public String toString() {
        return value;
    }
}
