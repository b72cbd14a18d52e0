package io.tandem.core.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Where a field sits in a command envelope: object field names joined by dots, such as {@code meta.entityId}. Field
 * names that contain a dot cannot be addressed, as in Elasticsearch's own field paths.
 */
record FieldPath(List<String> segments) {

    FieldPath {
        segments = List.copyOf(segments);
    }

    /**
     * @throws IllegalArgumentException for an empty path, an empty field name, or one with leading or trailing
     *                                  whitespace (a path that can never match would dead-letter every record)
     */
    static FieldPath parse(String text) {
        List<String> segments = List.of(text.split("\\.", -1));
        for (String segment : segments) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("field path '" + text + "' has an empty field name");
            }
            if (!segment.equals(segment.strip())) {
                throw new IllegalArgumentException(
                        "field path '" + text + "' has a field name with leading or trailing whitespace");
            }
        }
        return new FieldPath(segments);
    }

    /**
     * The node at this path, possibly a JSON null; empty when a field on the way is absent or is not an object, which
     * for an envelope means the same thing: the field is not there.
     */
    Optional<JsonNode> find(JsonNode root) {
        JsonNode node = root;
        for (String segment : segments) {
            if (!node.isObject()) {
                return Optional.empty();
            }
            node = node.get(segment);
            if (node == null) {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }

    @Override
    public String toString() {
        return String.join(".", segments);
    }
}
