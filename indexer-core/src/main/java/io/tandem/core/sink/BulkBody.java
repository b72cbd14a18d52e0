package io.tandem.core.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.document.Operation;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The NDJSON of a {@code _bulk} request. Each write is an action line, then (for an upsert) the document line:
 *
 * <pre>
 * {"index":{"_index":"books","_id":"7","version":5,"version_type":"external"}}
 * {"title":"..."}
 * {"delete":{"_index":"books","_id":"8","version":9,"version_type":"external"}}
 * </pre>
 *
 * <p>Every action carries {@code version_type: external}: the consumer and the backfill write into one version
 * space and the engine keeps whichever state is newest. No {@code _type}: targets are Elasticsearch 7+ and
 * OpenSearch. An upsert is an {@code index} action because a command carries the full new state.
 */
final class BulkBody {

    /** Compact output (no pretty printing), so no line break can appear inside a line. Configured once, never changed. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BulkBody() {
    }

    /** The lines of one write, each ended by {@code \n}. */
    static byte[] encode(WriteRequest write) {
        ObjectNode meta = JSON.createObjectNode()
                .put("_index", write.index())
                .put("_id", write.id())
                .put("version", write.version())
                .put("version_type", "external");
        ObjectNode action = JSON.createObjectNode();
        action.set(write.operation() == Operation.UPSERT ? "index" : "delete", meta);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            out.writeBytes(JSON.writeValueAsBytes(action));
            out.write('\n');
            if (write.operation() == Operation.UPSERT) {
                out.writeBytes(JSON.writeValueAsBytes(write.document()));
                out.write('\n');
            }
            return out.toByteArray();
        } catch (JsonProcessingException e) {
            // a tree of JSON nodes always serializes; this would be a bug in a custom node class
            throw new IllegalArgumentException("cannot serialize " + write + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The body of a request holding these writes, in order. */
    static byte[] of(List<PendingWrite> writes) {
        int size = 0;
        for (PendingWrite write : writes) {
            size = Math.addExact(size, write.bytes());
        }
        byte[] body = new byte[size];
        int at = 0;
        for (PendingWrite write : writes) {
            System.arraycopy(write.ndjson(), 0, body, at, write.bytes());
            at += write.bytes();
        }
        return body;
    }
}
