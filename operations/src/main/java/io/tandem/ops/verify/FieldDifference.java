package io.tandem.ops.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import java.util.Objects;

/**
 * One place where two documents differ.
 *
 * @param path     where, as a dot path with {@code [i]} for array elements ({@code tags[2].value}); "" for the root
 * @param expected the value transform(source) has there, or {@code null} when it has none
 * @param actual   the value the target has there, or {@code null} when it has none
 */
public record FieldDifference(String path, JsonNode expected, JsonNode actual) {

    private static final int MAX_VALUE_CHARS = 120;

    public FieldDifference {
        Objects.requireNonNull(path, "path");
        if (expected == null && actual == null) {
            throw new IllegalArgumentException("a difference has a value on at least one side: " + path);
        }
    }

    /** {@code ~ n: 1 -> 2}, {@code - title: "x" (not in the target)}, {@code + extra: true (not expected)}. */
    @Override
    public String toString() {
        String where = path.isEmpty() ? "(document)" : path;
        if (actual == null) {
            return "- " + where + ": " + shown(expected) + " (not in the target)";
        }
        if (expected == null) {
            return "+ " + where + ": " + shown(actual) + " (not expected)";
        }
        return "~ " + where + ": " + shown(expected) + " -> " + shown(actual);
    }

    ObjectNode toJson() {
        ObjectNode json = JsonMappers.PLAIN.createObjectNode();
        json.put("path", path);
        json.set("expected", expected);
        json.set("actual", actual);
        return json;
    }

    static FieldDifference fromJson(JsonNode json) {
        JsonNode expected = json.get("expected");
        JsonNode actual = json.get("actual");
        return new FieldDifference(json.path("path").asText(""), expected == null || expected.isNull() ? null : expected,
                actual == null || actual.isNull() ? null : actual);
    }

    private static String shown(JsonNode value) {
        String text = value.toString();
        return text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS) + "...";
    }
}
