package io.tandem.ops.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.transform.DocumentTransform;
import io.tandem.core.transform.TransformException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Judges one id: does the target hold transform(source document), no more, no less? Optionally regardless of the order
 * of array elements.
 */
public final class DocumentCheck {

    private final DocumentTransform transform;
    private final boolean ignoreArrayOrder;

    public DocumentCheck(DocumentTransform transform, boolean ignoreArrayOrder) {
        this.transform = Objects.requireNonNull(transform, "transform");
        this.ignoreArrayOrder = ignoreArrayOrder;
    }

    /**
     * What the target should hold for this source document.
     *
     * @throws TransformException when the transform rejects the document
     */
    public ObjectNode expected(String id, ObjectNode source) {
        // shares what the transform leaves alone with source: the check only reads both, and copies to sort arrays
        return transform.applyShared(id, source);
    }

    /**
     * @param source the document in the source index now, or {@code null} when there is none
     * @param target the document in the target index now, or {@code null} when there is none
     * @return the mismatch, or empty when both agree (also when neither has the id: deleted on both sides)
     */
    public Optional<Mismatch> compare(String id, StoredDocument source, StoredDocument target) {
        if (source == null) {
            return target == null ? Optional.empty() : Optional.of(Mismatch.extra(id));
        }
        ObjectNode expected;
        try {
            expected = expected(id, source.source());
        } catch (TransformException e) {
            // the backfill and the consumer dead-letter such a document: the target cannot have it
            return Optional.of(new Mismatch(id, target == null ? MismatchKind.MISSING : MismatchKind.DIFFERENT,
                    List.of(), "the transform fails on the source document: " + e.getMessage()));
        }
        if (target == null) {
            return Optional.of(Mismatch.missing(id, null));
        }
        JsonNode want = ignoreArrayOrder ? DocumentDiff.withSortedArrays(expected) : expected;
        JsonNode have = ignoreArrayOrder ? DocumentDiff.withSortedArrays(target.source()) : target.source();
        if (DocumentDiff.same(want, have)) {
            return Optional.empty();
        }
        return Optional.of(new Mismatch(id, MismatchKind.DIFFERENT, DocumentDiff.between(want, have), null));
    }
}
