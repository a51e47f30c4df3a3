package uk.iro.disputes.kernel.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A node of a policy file's YAML tree together with the file it came from and its field path
 * ({@code stages[2].timescale.workingDays}), so that every problem can be reported as a {@link PolicyException}
 * naming both. An absent field is a node too (its {@code node} is null), so callers can walk into optional
 * sections and ask {@link #isPresent()}.
 */
final class YamlNode {
    /** The field name used for problems with the document as a whole. */
    static final String DOCUMENT = "(document)";

    private final String origin;
    private final String path;
    private final JsonNode node;

    private YamlNode(String origin, String path, JsonNode node) {
        this.origin = origin;
        this.path = path;
        this.node = node;
    }

    static YamlNode root(String origin, JsonNode node) {
        return new YamlNode(origin, "", node);
    }

    /** The field path, or {@link #DOCUMENT} for the root. */
    String path() {
        return path.isEmpty() ? DOCUMENT : path;
    }

    String origin() {
        return origin;
    }

    /** False where the field is missing or explicitly empty ({@code field:} or {@code field: null}). */
    boolean isPresent() {
        return node != null && !node.isMissingNode() && !node.isNull();
    }

    YamlNode get(String field) {
        JsonNode child = node != null && node.isObject() ? node.get(field) : null;
        return new YamlNode(origin, path.isEmpty() ? field : path + "." + field, child);
    }

    PolicyException error(String problem) {
        return new PolicyException(origin, path(), problem);
    }

    /** Builds a model record, turning the checks in its constructor into a problem with this field. */
    <T> T build(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            String problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (e instanceof NullPointerException && e.getMessage() != null) {
                problem = e.getMessage() + " is required";
            }
            throw error(problem);
        }
    }

    // ---- shapes ----------------------------------------------------------------------------------------------

    /** Requires a mapping holding no fields but {@code allowed}; returns this node. */
    YamlNode mapping(String... allowed) {
        requirePresent();
        if (!node.isObject()) {
            throw error("must be a mapping of fields (name: value), but is " + describe(node));
        }
        Set<String> allowedSet = Set.of(allowed);
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowedSet.contains(name)) {
                throw get(name).error(unknownField(name, allowed));
            }
        }
        return this;
    }

    /** Requires a list; returns its elements, each with its indexed path. */
    List<YamlNode> elements() {
        requirePresent();
        if (!node.isArray()) {
            throw error("must be a list, but is " + describe(node));
        }
        List<YamlNode> result = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            result.add(new YamlNode(origin, path() + "[" + i + "]", node.get(i)));
        }
        return result;
    }

    /** A list that may be absent (then empty). */
    List<YamlNode> optionalElements() {
        return isPresent() ? elements() : List.of();
    }

    // ---- scalars ---------------------------------------------------------------------------------------------

    String text() {
        requirePresent();
        if (!node.isTextual()) {
            throw error("must be text, but is " + describe(node) + " (quote it if it is meant as text)");
        }
        String value = node.textValue().strip();
        if (value.isEmpty()) {
            throw error("must not be blank");
        }
        return value;
    }

    String optionalText() {
        return isPresent() ? text() : null;
    }

    /** A count of working days or a version: a whole number of 1 or more. */
    int wholeNumber() {
        requirePresent();
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1) {
            throw error("must be a whole number of 1 or more, but is " + describe(node));
        }
        return node.intValue();
    }

    Integer optionalWholeNumber() {
        return isPresent() ? wholeNumber() : null;
    }

    boolean bool() {
        requirePresent();
        if (!node.isBoolean()) {
            throw error("must be true or false, but is " + describe(node));
        }
        return node.booleanValue();
    }

    boolean optionalBool(boolean absentValue) {
        return isPresent() ? bool() : absentValue;
    }

    <E extends Enum<E>> E enumValue(Class<E> type) {
        requirePresent();
        String allowedValues = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        if (!node.isTextual()) {
            throw error("must be one of " + allowedValues + ", but is " + describe(node));
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(node.textValue())) {
                return constant;
            }
        }
        throw error("unknown value '" + node.textValue() + "'; allowed values: " + allowedValues);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private void requirePresent() {
        if (node == null || node.isMissingNode()) {
            throw error("required field is missing");
        }
        if (node.isNull()) {
            throw error("required field is empty");
        }
    }

    private static String unknownField(String name, String[] allowed) {
        String sorted = String.join(", ", new TreeSet<>(Arrays.asList(allowed)));
        String suggestion = closest(name, allowed);
        return "unknown field" + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)")
                + "; allowed here: " + sorted;
    }

    /** The allowed name within two edits of {@code name} (ignoring case), if any: a likely typo. */
    private static String closest(String name, String[] allowed) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : allowed) {
            int distance = editDistance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String describe(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isBoolean()) {
            return node.asText();
        }
        if (node.isNumber()) {
            return node.asText();
        }
        if (node.isTextual()) {
            String text = node.textValue();
            return "the text '" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
        }
        return node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }
}
