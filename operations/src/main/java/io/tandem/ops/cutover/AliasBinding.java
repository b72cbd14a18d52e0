package io.tandem.ops.cutover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import java.util.Objects;

/**
 * One alias on one index, with its properties as {@code GET /_alias} shows them ({@code filter},
 * {@code index_routing}, {@code search_routing}, {@code is_write_index}, {@code is_hidden}), which are also the
 * parameters of the {@code add} action that recreates it exactly.
 *
 * @param alias      the alias
 * @param index      the concrete index it points at
 * @param properties its properties; empty for a plain alias
 */
public record AliasBinding(String alias, String index, ObjectNode properties) {

    public AliasBinding {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(index, "index");
        properties = Objects.requireNonNull(properties, "properties").deepCopy();
    }

    public static AliasBinding plain(String alias, String index) {
        return new AliasBinding(alias, index, JsonMappers.PLAIN.createObjectNode());
    }

    @Override
    public ObjectNode properties() {
        return properties.deepCopy();
    }

    public boolean isWriteIndex() {
        return properties.path("is_write_index").asBoolean(false);
    }

    /** {@code messages -> messages-v2 (write index)}, with any filter or routing named. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(alias + " -> " + index);
        if (isWriteIndex()) {
            text.append(" (write index)");
        }
        if (properties.has("filter")) {
            text.append(" (filtered)");
        }
        if (properties.has("index_routing") || properties.has("search_routing")) {
            text.append(" (routed)");
        }
        return text.toString();
    }

    ObjectNode toJson() {
        ObjectNode json = JsonMappers.PLAIN.createObjectNode();
        json.put("alias", alias);
        json.put("index", index);
        json.set("properties", properties.deepCopy());
        return json;
    }

    static AliasBinding fromJson(JsonNode json) {
        JsonNode properties = json.path("properties");
        return new AliasBinding(json.path("alias").asText(), json.path("index").asText(),
                properties.isObject() ? (ObjectNode) properties : JsonMappers.PLAIN.createObjectNode());
    }
}
