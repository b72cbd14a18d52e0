package io.tandem.core.document;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One change to one document, from the command topic or the backfill: its id, what to do, and the version that
 * orders it among all changes to that id (one version space for the consumer and the backfill).
 *
 * @param id        the document id
 * @param operation upsert or delete
 * @param version   the external version: a later state of the same id has a higher version; 0 is the lowest
 * @param document  the full document for an upsert, {@code null} for a delete
 */
public record Command(String id, Operation operation, long version, ObjectNode document) {

    public Command {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(operation, "operation");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("a command needs a non-empty id");
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must be >= 0 (external versioning), was " + version);
        }
        if ((operation == Operation.UPSERT) != (document != null)) {
            throw new IllegalArgumentException(operation == Operation.UPSERT
                    ? "an upsert needs a document" : "a delete carries no document");
        }
    }

    public static Command upsert(String id, long version, ObjectNode document) {
        return new Command(id, Operation.UPSERT, version, document);
    }

    public static Command delete(String id, long version) {
        return new Command(id, Operation.DELETE, version, null);
    }
}
