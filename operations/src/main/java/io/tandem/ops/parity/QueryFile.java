package io.tandem.ops.parity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the representative queries: a JSON array of entries, or one entry per line (NDJSON). An entry is
 * <pre>{@code
 * {"name": "by-env", "order": "UNORDERED", "body": {"query": {"term": {"actions.tags.env": "prod"}}}}
 * }</pre>
 * with a unique {@code name}, the search request {@code body} as the application sends it to the old index, and
 * {@code order} {@code ORDERED} (the default: same ids at the same positions) or {@code UNORDERED}. An entry may add
 * {@code newBody}, the request as the application itself builds it for the new schema; it is sent to the new index
 * as it is, not translated, so a query the application builds in a format the transform did not write finds other
 * documents and fails parity:
 * <pre>{@code
 * {"name": "by-url", "body": {"query": {"term": {"actions.tags.url": "http://x/y"}}},
 *  "newBody": {"query": {"term": {"tags.keyToValue": "url:http://x/y"}}}}
 * }</pre>
 */
public final class QueryFile {

    private static final Set<String> MEMBERS = Set.of("name", "body", "order", "newBody");

    private QueryFile() {
    }

    /** @throws IllegalArgumentException naming the file and the entry, for anything but a valid, non-empty list */
    public static List<ParityQuery> read(Path file) {
        List<JsonNode> entries = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file);
             MappingIterator<JsonNode> values = JsonMappers.PLAIN.readerFor(JsonNode.class).readValues(in)) {
            while (values.hasNextValue()) {
                JsonNode value = values.nextValue();
                if (value.isArray()) {
                    value.forEach(entries::add);
                } else {
                    entries.add(value);
                }
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read it: " + e.getMessage(), e);
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(file + ": holds no queries");
        }
        List<ParityQuery> queries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            ParityQuery query = entry(entries.get(i), file + ": entry " + (i + 1));
            if (!names.add(query.name())) {
                throw new IllegalArgumentException(file + ": entry " + (i + 1) + ": name '" + query.name()
                        + "' is used twice");
            }
            queries.add(query);
        }
        return List.copyOf(queries);
    }

    private static ParityQuery entry(JsonNode entry, String where) {
        if (!entry.isObject()) {
            throw new IllegalArgumentException(where + ": expected an object {name, body, order, newBody}, got " + entry);
        }
        entry.fieldNames().forEachRemaining(member -> {
            if (!MEMBERS.contains(member)) {
                throw new IllegalArgumentException(where + ": unknown member '" + member + "' (known: body, name, newBody, order)");
            }
        });
        JsonNode name = entry.path("name");
        if (!name.isTextual() || name.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": 'name' must be a non-blank string");
        }
        String at = where + " (" + name.asText() + ")";
        JsonNode body = entry.path("body");
        if (!body.isObject()) {
            throw new IllegalArgumentException(at + ": 'body' must be a search request body object");
        }
        JsonNode newBody = entry.path("newBody");
        if (!newBody.isMissingNode() && !newBody.isObject()) {
            throw new IllegalArgumentException(at + ": 'newBody' must be a search request body object");
        }
        return new ParityQuery(name.asText(), (ObjectNode) body, order(entry.path("order"), at),
                newBody.isObject() ? (ObjectNode) newBody : null);
    }

    private static ResultOrder order(JsonNode order, String at) {
        if (order.isMissingNode()) {
            return ResultOrder.ORDERED;
        }
        try {
            return ResultOrder.valueOf(order.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ": 'order' must be ORDERED or UNORDERED, got " + order, e);
        }
    }
}
