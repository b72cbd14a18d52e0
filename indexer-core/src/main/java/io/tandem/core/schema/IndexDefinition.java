package io.tandem.core.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;

/**
 * The settings and mappings of an index, as kept in the repository: the file is exactly the body of
 * {@code PUT /<index>}, {@code {"settings":{...},"mappings":{...}}}, so it can be tried by hand with curl.
 *
 * <p>Both parts are copied in and out: a definition never changes once loaded.
 *
 * @param settings index settings, possibly empty
 * @param mappings the typeless mappings (Elasticsearch 7+ / OpenSearch)
 */
public record IndexDefinition(ObjectNode settings, ObjectNode mappings) {


    public IndexDefinition {
        settings = Objects.requireNonNull(settings, "settings").deepCopy();
        mappings = Objects.requireNonNull(mappings, "mappings").deepCopy();
    }

    @Override
    public ObjectNode settings() {
        return settings.deepCopy();
    }

    @Override
    public ObjectNode mappings() {
        return mappings.deepCopy();
    }

    /**
     * Reads a definition file.
     *
     * @throws IllegalArgumentException with a one-line message naming the file when it is missing, unreadable, not
     *                                  JSON or not shaped like an index body
     */
    public static IndexDefinition load(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("index definition " + file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException("index definition " + file + ": cannot be read: " + oneLine(e.getMessage()));
        }
        return parse(json, file.toString());
    }

    /**
     * Parses a definition; {@code source} names where it came from in error messages (a file, a resource).
     *
     * @throws IllegalArgumentException with a one-line message naming {@code source}
     */
    public static IndexDefinition parse(String json, String source) {
        JsonNode body;
        try {
            body = JsonMappers.PLAIN.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new IllegalArgumentException("index definition " + source + " is not valid JSON" + where + ": "
                    + oneLine(e.getOriginalMessage()));
        }
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("index definition " + source
                    + " must be a JSON object {\"settings\":{...},\"mappings\":{...}}");
        }
        for (Iterator<String> keys = body.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            // aliases are deliberately not part of the contract: the cutover moves them atomically, creation must not
            if (!key.equals("settings") && !key.equals("mappings")) {
                throw new IllegalArgumentException("index definition " + source + ": unsupported key '" + key
                        + "' (only \"settings\" and \"mappings\"; aliases are switched at cutover)");
            }
        }
        JsonNode settings = body.path("settings");
        JsonNode mappings = body.path("mappings");
        if (!settings.isMissingNode() && !settings.isObject()) {
            throw new IllegalArgumentException("index definition " + source + ": \"settings\" must be an object");
        }
        if (!mappings.isObject()) {
            throw new IllegalArgumentException("index definition " + source + ": \"mappings\" must be an object"
                    + (mappings.isMissingNode() ? " and is missing" : ""));
        }
        ObjectNode settingsObject = settings.isObject() ? (ObjectNode) settings : JsonNodeFactory.instance.objectNode();
        return new IndexDefinition(settingsObject, (ObjectNode) mappings);
    }

    /** The body of {@code PUT /<index>} that creates an index from this definition. */
    public ObjectNode toCreateBody() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("settings", settings());
        body.set("mappings", mappings());
        return body;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
