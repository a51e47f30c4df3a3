package uk.iro.disputes.kernel.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads the gov.uk bank holidays feed (https://www.gov.uk/bank-holidays.json), so a council can pick up a newly
 * proclaimed day before the bundled data is updated: pass the result to
 * {@link EnglandAndWalesBankHolidays#withAdditional}. The shape is
 * <pre>
 * {"england-and-wales": {"division": "england-and-wales",
 *                        "events": [{"title": "...", "date": "2026-01-01", "notes": "", "bunting": true}, ...]},
 *  "scotland": {...}, "northern-ireland": {...}}
 * </pre>
 * Fetching the feed is left to the caller: this type does no I/O of its own.
 */
public final class BankHolidayFeed {
    public static final String ENGLAND_AND_WALES = "england-and-wales";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    private BankHolidayFeed() {
    }

    /** The England and Wales events of the feed. */
    public static List<BankHoliday> englandAndWales(InputStream json) {
        return read(json, ENGLAND_AND_WALES);
    }

    /**
     * The events of one division of the feed, in the feed's order.
     *
     * @param json the feed; read, not closed
     * @throws IllegalArgumentException if the feed is not in the expected shape or lacks the division
     */
    public static List<BankHoliday> read(InputStream json, String division) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(division, "division");
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bank holidays feed: not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("bank holidays feed: cannot be read", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("bank holidays feed: expected an object of divisions");
        }
        JsonNode events = root.path(division).path("events");
        if (!events.isArray()) {
            List<String> divisions = new ArrayList<>();
            root.fieldNames().forEachRemaining(divisions::add);
            throw new IllegalArgumentException("bank holidays feed: no events for division '" + division
                    + "' (the feed has " + divisions + ")");
        }
        List<BankHoliday> holidays = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            String at = "bank holidays feed: " + division + ".events[" + i + "]";
            String title = event.path("title").asText("");
            String date = event.path("date").asText("");
            if (title.isBlank()) {
                throw new IllegalArgumentException(at + ".title: is required");
            }
            try {
                holidays.add(new BankHoliday(LocalDate.parse(date), title));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(at + ".date: '" + date + "' is not a yyyy-mm-dd date");
            }
        }
        return List.copyOf(holidays);
    }
}
