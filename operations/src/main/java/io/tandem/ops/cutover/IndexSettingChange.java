package io.tandem.ops.cutover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import java.util.Objects;

/**
 * An index setting a cutover changed, journalled so that a rollback can put it back.
 *
 * @param index   the index (the new one for gc_deletes, the old one for the write block)
 * @param setting the flat setting name
 * @param before  the explicit value before, or {@code null} for the engine default
 * @param after   the explicit value after, or {@code null} for the engine default
 */
public record IndexSettingChange(String index, String setting, String before, String after) {

    public IndexSettingChange {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(setting, "setting");
    }

    /** The change that undoes this one. */
    public IndexSettingChange reversed() {
        return new IndexSettingChange(index, setting, after, before);
    }

    /** {@code index.gc_deletes of messages-v2: 7d -> (default)}. */
    @Override
    public String toString() {
        return setting + " of " + index + ": " + shown(before) + " -> " + shown(after);
    }

    ObjectNode toJson() {
        ObjectNode json = JsonMappers.PLAIN.createObjectNode();
        json.put("index", index);
        json.put("setting", setting);
        json.put("before", before);
        json.put("after", after);
        return json;
    }

    static IndexSettingChange fromJson(JsonNode json) {
        return new IndexSettingChange(json.path("index").asText(), json.path("setting").asText(), text(json, "before"),
                text(json, "after"));
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static String shown(String value) {
        return value == null ? "(default)" : value;
    }
}
