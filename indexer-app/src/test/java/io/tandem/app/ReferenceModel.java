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

    private final Map<String, Command> newest = new HashMap<>();

    void apply(Command command) {
        newest.merge(command.id(), command, (a, b) -> b.version() > a.version() ? b : a);
    }

    /** id -> expected _source of every document that must exist. */
    Map<String, ObjectNode> expectedDocuments(DocumentTransform transform) {
        Map<String, ObjectNode> expected = new HashMap<>();
        newest.forEach((id, command) -> {
            if (command.operation() == Operation.UPSERT) {
                expected.put(id, transform.apply(id, command.document()));
            }
        });
        return expected;
    }

    long deletedIds() {
        return newest.values().stream().filter(c -> c.operation() == Operation.DELETE).count();
    }
}
