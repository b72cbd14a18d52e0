package io.tandem.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Index settings as one flat map from full dotted keys to values, sorted by key.
 *
 * <p>Why: the same settings come nested ({@code {"index":{"analysis":{...}}}}), flat
 * ({@code "index.number_of_shards":"1"}, what {@code ?flat_settings=true} answers) or without the {@code index.}
 * prefix ({@code {"number_of_shards":1}}, as one writes them); one form makes them comparable key by key. Arrays
 * ({@code filter: [...]}) are values, not flattened.
 */
public final class FlatSettings {

    private static final String PREFIX = "index.";

    private FlatSettings() {
    }

    /** The settings object (any of the three forms, or a mix) as {@code index.*} keys; empty for null or missing. */
    public static SortedMap<String, JsonNode> of(JsonNode settings) {
        SortedMap<String, JsonNode> flat = new TreeMap<>();
        if (settings != null && settings.isObject()) {
            flatten("", settings, flat);
        }
        return Collections.unmodifiableSortedMap(flat);
    }

    /** The flat form as an object, ready to send ({@code {"index.number_of_shards":"1",...}}). */
    public static ObjectNode toObject(Map<String, JsonNode> flat) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        new TreeMap<>(flat).forEach((key, value) -> object.set(key, value.deepCopy()));
        return object;
    }

    private static void flatten(String parent, JsonNode node, SortedMap<String, JsonNode> out) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = parent.isEmpty() ? field.getKey() : parent + "." + field.getKey();
            if (field.getValue().isObject()) {
                flatten(key, field.getValue(), out);
            } else if (!field.getValue().isNull()) {
                out.put(key.startsWith(PREFIX) ? key : PREFIX + key, field.getValue());
            }
        }
    }
}
