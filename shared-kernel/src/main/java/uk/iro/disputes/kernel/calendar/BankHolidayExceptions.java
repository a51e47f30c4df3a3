package uk.iro.disputes.kernel.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The bank holidays the rules do not give (days moved or added by proclamation), read from data so that a new
 * proclamation is a data change, not a code change. The shape is documented in the bundled file.
 */
final class BankHolidayExceptions {
    static final String BUNDLED = "calendar/england-and-wales-exceptions.yaml";

    static final BankHolidayExceptions NONE = new BankHolidayExceptions(Map.of(), Map.of());

    /** The rules' holiday on {@code replaces} is held on {@code date} instead. */
    record Moved(LocalDate date, LocalDate replaces, String title) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(
            YAMLFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                    .build());

    private final Map<Integer, List<Moved>> movedByYear;
    private final Map<Integer, List<BankHoliday>> extraByYear;

    private BankHolidayExceptions(Map<Integer, List<Moved>> movedByYear, Map<Integer, List<BankHoliday>> extraByYear) {
        this.movedByYear = movedByYear;
        this.extraByYear = extraByYear;
    }

    static BankHolidayExceptions bundled() {
        InputStream in = BankHolidayExceptions.class.getClassLoader().getResourceAsStream(BUNDLED);
        if (in == null) {
            throw new IllegalStateException(BUNDLED + " is missing from the classpath");
        }
        try (in) {
            return read(BUNDLED, in);
        } catch (IOException e) {
            throw new UncheckedIOException(BUNDLED + ": cannot be read", e);
        }
    }

    /**
     * Reads and checks the exceptions: a moved day must replace a day the rules give, in the same year; an extra
     * day must not already be a holiday. A mistake here would silently shift due dates, so it fails loudly.
     *
     * @throws IllegalArgumentException naming the origin and the entry at fault
     */
    static BankHolidayExceptions read(String origin, InputStream yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(origin + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(origin + ": cannot be read", e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return NONE;
        }
        onlyFields(root, origin, Set.of("moved", "extra"));

        Map<Integer, List<Moved>> moved = new TreeMap<>();
        Map<LocalDate, String> seen = new TreeMap<>();
        JsonNode movedNode = list(root, "moved", origin);
        for (int i = 0; i < movedNode.size(); i++) {
            String at = origin + ": moved[" + i + "]";
            JsonNode entry = movedNode.get(i);
            onlyFields(entry, at, Set.of("date", "replaces", "title"));
            LocalDate date = date(entry, "date", at);
            LocalDate replaces = date(entry, "replaces", at);
            String title = title(entry, at);
            if (date.getYear() != replaces.getYear()) {
                throw new IllegalArgumentException(at + ": a day can only be moved within its own year");
            }
            if (EnglandAndWalesBankHolidays.byRule(replaces.getYear()).stream()
                    .noneMatch(h -> h.date().equals(replaces))) {
                throw new IllegalArgumentException(at + ".replaces: " + replaces + " is not a bank holiday by rule");
            }
            if (EnglandAndWalesBankHolidays.byRule(date.getYear()).stream().anyMatch(h -> h.date().equals(date))) {
                throw new IllegalArgumentException(at + ".date: " + date + " is already a bank holiday by rule");
            }
            unique(seen, replaces, at);
            unique(seen, date, at);
            moved.computeIfAbsent(date.getYear(), y -> new ArrayList<>()).add(new Moved(date, replaces, title));
        }

        Map<Integer, List<BankHoliday>> extra = new TreeMap<>();
        JsonNode extraNode = list(root, "extra", origin);
        for (int i = 0; i < extraNode.size(); i++) {
            String at = origin + ": extra[" + i + "]";
            JsonNode entry = extraNode.get(i);
            onlyFields(entry, at, Set.of("date", "title"));
            LocalDate date = date(entry, "date", at);
            if (EnglandAndWalesBankHolidays.byRule(date.getYear()).stream().anyMatch(h -> h.date().equals(date))) {
                throw new IllegalArgumentException(at + ".date: " + date + " is already a bank holiday by rule");
            }
            unique(seen, date, at);
            extra.computeIfAbsent(date.getYear(), y -> new ArrayList<>()).add(new BankHoliday(date, title(entry, at)));
        }
        moved.replaceAll((year, days) -> List.copyOf(days));
        extra.replaceAll((year, days) -> List.copyOf(days));
        return new BankHolidayExceptions(Map.copyOf(moved), Map.copyOf(extra));
    }

    List<Moved> movedIn(int year) {
        return movedByYear.getOrDefault(year, List.of());
    }

    List<BankHoliday> extraIn(int year) {
        return extraByYear.getOrDefault(year, List.of());
    }

    private static void onlyFields(JsonNode node, String at, Set<String> allowed) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(at + ": must be a mapping of " + allowed);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(at + ": unknown field '" + name + "' (expected " + allowed + ")");
            }
        }
    }

    private static JsonNode list(JsonNode root, String field, String origin) {
        JsonNode node = root.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return YAML.createArrayNode();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(origin + ": " + field + ": must be a list");
        }
        return node;
    }

    private static LocalDate date(JsonNode entry, String field, String at) {
        JsonNode node = entry.path(field);
        if (!node.isTextual()) {
            throw new IllegalArgumentException(at + "." + field + ": is required, as yyyy-mm-dd");
        }
        try {
            return LocalDate.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(at + "." + field + ": '" + node.asText() + "' is not a yyyy-mm-dd date");
        }
    }

    private static String title(JsonNode entry, String at) {
        JsonNode node = entry.path("title");
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new IllegalArgumentException(at + ".title: is required");
        }
        return node.asText();
    }

    // One entry per date: two entries touching the same day would make the result depend on their order.
    private static void unique(Map<LocalDate, String> seen, LocalDate date, String at) {
        String earlier = seen.putIfAbsent(Objects.requireNonNull(date), at);
        if (earlier != null) {
            throw new IllegalArgumentException(at + ": " + date + " is already used by " + earlier);
        }
    }
}
