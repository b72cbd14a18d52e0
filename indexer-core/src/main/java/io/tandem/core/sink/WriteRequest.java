package io.tandem.core.sink;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.document.Command;
import io.tandem.core.document.Operation;
import java.util.Objects;

/**
 * One versioned write to one index: the unit the {@link VersionedBulkWriter} takes and reports on.
 *
 * @param index     the target index (or alias pointing at one index)
 * @param id        the document id
 * @param version   the external version; the engine keeps the write only if it is higher than the one it holds
 * @param operation upsert (an {@code index} action: the full new state) or delete
 * @param document  the full document for an upsert, {@code null} for a delete
 */
public record WriteRequest(String index, String id, long version, Operation operation, ObjectNode document) {

    public WriteRequest {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(operation, "operation");
        if (index.isEmpty()) {
            throw new IllegalArgumentException("a write needs a non-empty index");
        }
        if (id.isEmpty()) {
            throw new IllegalArgumentException("a write needs a non-empty id");
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must be >= 0 (external versioning), was " + version);
        }
        if ((operation == Operation.UPSERT) != (document != null)) {
            throw new IllegalArgumentException(operation == Operation.UPSERT
                    ? "an upsert needs a document" : "a delete carries no document");
        }
    }

    /** The write that applies {@code command} to {@code index}. */
    public static WriteRequest of(Command command, String index) {
        Objects.requireNonNull(command, "command");
        return new WriteRequest(index, command.id(), command.version(), command.operation(), command.document());
    }

    public static WriteRequest upsert(String index, String id, long version, ObjectNode document) {
        return new WriteRequest(index, id, version, Operation.UPSERT, document);
    }

    public static WriteRequest delete(String index, String id, long version) {
        return new WriteRequest(index, id, version, Operation.DELETE, null);
    }

    /** Index, id, version and operation, without the document, which can be large. */
    @Override
    public String toString() {
        return "WriteRequest[" + operation + " " + index + "/" + id + " v" + version + "]";
    }
}
