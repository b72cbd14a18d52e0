package io.tandem.ops.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes the mapping type out of Elasticsearch 6.x mappings: {@code {"_doc":{"properties":...}}} becomes
 * {@code {"properties":...}}, as 7.x and OpenSearch want it.
 *
 * <p>A 6.x index has one type; a {@code _default_} mapping beside it is dropped (it only seeded the type), and the
 * {@code _all} field, which 7.x no longer has, is dropped from the root. Both are reported.
 */
final class MappingTypes {

    private static final String DEFAULT_TYPE = "_default_";

    /**
     * Typeless mappings.
     *
     * @param mappings typeless mappings, or mappings of exactly one type (plus, perhaps, {@code _default_})
     * @param notes    receives what was dropped
     * @throws IllegalArgumentException when there are several types: they cannot become one typeless mapping
     */
    static ObjectNode typeless(ObjectNode mappings, List<String> notes) {
        List<String> types = new ArrayList<>();
        mappings.fieldNames().forEachRemaining(types::add);
        if (types.isEmpty()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (types.size() > 1 && types.remove(DEFAULT_TYPE)) {
            notes.add("mapping " + DEFAULT_TYPE + " dropped (types are gone in 7.x)");
        }
        if (types.size() > 1) {
            throw new IllegalArgumentException("mapping types " + types + ": several types cannot become one typeless mapping");
        }
        JsonNode body = mappings.get(types.get(0));
        ObjectNode typeless = body.isObject() ? ((ObjectNode) body).deepCopy() : JsonNodeFactory.instance.objectNode();
        notes.add("mapping type '" + types.get(0) + "' removed");
        if (typeless.remove("_all") != null) {
            notes.add("_all dropped from the mapping (7.x has no _all field; use copy_to)");
        }
        return typeless;
    }

    private MappingTypes() {
    }
}
