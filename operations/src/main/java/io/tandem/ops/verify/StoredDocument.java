package io.tandem.ops.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.source.SourceDocument;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A document as one index holds it now, with what identifies this state of it: its version, and the sequence number
 * and primary term that make a conditional delete refuse to remove anything written since.
 *
 * @param id          the document id
 * @param source      its {@code _source}
 * @param version     its {@code _version}
 * @param seqNo       its {@code _seq_no}
 * @param primaryTerm its {@code _primary_term}
 */
public record StoredDocument(String id, ObjectNode source, long version, long seqNo, long primaryTerm) {

    public StoredDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
    }

    /** From a hit of a search or an entry of {@code _mget} that was found. */
    static StoredDocument fromHit(JsonNode hit, String where) {
        JsonNode source = hit.path("_source");
        if (!source.isObject()) {
            throw new IllegalStateException(where + ": document '" + hit.path("_id").asText() + "' came without its "
                    + "_source (the index does not store it): it cannot be compared");
        }
        return new StoredDocument(hit.path("_id").asText(), (ObjectNode) source, hit.path("_version").asLong(-1),
                hit.path("_seq_no").asLong(-1), hit.path("_primary_term").asLong(-1));
    }

    /** As the backfill's reader would have given it, for the version rule and the transform. */
    public SourceDocument asSourceDocument() {
        return new SourceDocument(id, source.deepCopy(), OptionalLong.of(version));
    }
}
