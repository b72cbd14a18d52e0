package io.tandem.ops.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON tree as its leaves, by path ({@code policy.states[0].actions[1].rollover.min_size}), in document order: the
 * unit of a readable diff. An array of plain values is one leaf ({@code index_patterns: ["logs-*"]}); null, empty
 * objects and empty arrays are left out, as the engines treat them as absent.
 */
final class JsonLeaves {

    private JsonLeaves() {
    }

    static Map<String, JsonNode> of(JsonNode node, String prefix) {
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        collect(node, prefix, leaves);
        return leaves;
    }

    private static void collect(JsonNode node, String path, Map<String, JsonNode> out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                collect(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), out);
            }
        } else if (node.isArray() && containsContainers(node)) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "[" + i + "]", out);
            }
        } else if (!node.isArray() || node.size() > 0) {
            out.put(path, node);
        }
    }

    private static boolean containsContainers(JsonNode array) {
        for (JsonNode item : array) {
            if (item.isContainerNode()) {
                return true;
            }
        }
        return false;
    }
}
