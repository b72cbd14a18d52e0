package io.tandem.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.document.Command;
import io.tandem.core.document.Operation;
import io.tandem.core.transform.DocumentTransform;
import java.util.HashMap;
import java.util.Map;

/**
 * What the target must hold after a replay, computed without any of the code under test's machinery: per id, the
 * command with the highest version wins; a delete leaves nothing; an upsert leaves transform(document).
 */
final class ReferenceModel {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final Map<String, Command> newest = new HashMap<>();

    void apply(Command command) {
        newest.merge(command.id(), command, (a, b) -> b.version() > a.version() ? b : a);
    }

    /** id -> expected _source of every document that must exist. */
    Map<String, ObjectNode> expectedDocuments(DocumentTransform transform) {
        Map<String, ObjectNode> expected = new HashMap<>();
        newest.forEach((id, command) -> {
            if (command.operation() == Operation.UPSERT) {
                expected.put(id, asJson(transform.apply(id, command.document())));
            }
        });
        return expected;
    }

    /** The document as JSON text says it (a long 13 and an int 13 are the same number once sent). */
    private static ObjectNode asJson(ObjectNode document) {
        try {
            return (ObjectNode) JSON.readTree(JSON.writeValueAsBytes(document));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    long deletedIds() {
        return newest.values().stream().filter(c -> c.operation() == Operation.DELETE).count();
    }
}
