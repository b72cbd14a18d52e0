package io.tandem.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON in tests, written with single quotes for readability, read the way the reader reads engines' answers. */
final class Json {

    private Json() {
    }

    static JsonNode parse(String singleQuoted) {
        try {
            return JsonMappers.SOURCE.readTree(singleQuoted.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode object(String singleQuoted) {
        return (ObjectNode) parse(singleQuoted);
    }
}
