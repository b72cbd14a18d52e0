package io.tandem.core.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.tandem.core.document.Operation;
import io.tandem.core.json.JsonMappers;
import java.io.IOException;
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

    private BulkBody() {
    }

    /** The lines of one write, each ended by {@code \n}. */
    static byte[] encode(WriteRequest write) {
        // one generator for both lines, straight into one buffer: the per-document cost matters to the backfill
        ByteArrayBuilder out = new ByteArrayBuilder(write.operation() == Operation.UPSERT ? 512 : 128);
        try (JsonGenerator generator = JsonMappers.PLAIN.createGenerator(out)) {
            generator.setRootValueSeparator(null); // the lines are separated by '\n' below, not by the default space
            generator.writeStartObject();
            generator.writeObjectFieldStart(write.operation() == Operation.UPSERT ? "index" : "delete");
            generator.writeStringField("_index", write.index());
            generator.writeStringField("_id", write.id());
            generator.writeNumberField("version", write.version());
            generator.writeStringField("version_type", "external");
            generator.writeEndObject();
            generator.writeEndObject();
            generator.writeRaw('\n');
            if (write.operation() == Operation.UPSERT) {
                JsonMappers.PLAIN.writeTree(generator, write.document());
                generator.writeRaw('\n');
            }
        } catch (IOException e) {
            // a tree of JSON nodes always serializes; this would be a bug in a custom node class
            throw new IllegalArgumentException("cannot serialize " + write + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
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
