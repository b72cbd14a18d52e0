package io.tandem.core.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Rewrites one document's source on its way from the old index to the new one.
 *
 * <p>Implementations must be safe to call from several threads at once: the pipeline shares one instance.
 */
@FunctionalInterface
public interface DocumentTransform {

    /**
     * Returns the transformed document as a new node; {@code source} is never modified, because the caller may still
     * need the original (for a dead-letter record or a retry with another transform).
     *
     * @param id     the document's id, for transforms that depend on it
     * @param source the document's source as read from the old index
     * @return a new node, sharing no mutable state with {@code source}
     * @throws TransformException when this document can never be transformed (retrying will not help)
     */
    ObjectNode apply(String id, ObjectNode source);

    /**
     * Like {@link #apply}, for a caller that changes neither {@code source} nor the result afterwards (it serializes
     * the result, and may still need {@code source} as it was, e.g. for a dead-letter record): the result may share
     * with {@code source} the nodes the transform leaves as they are, which spares copying the whole document for a
     * transform that rewrites one field. {@code source} is never modified, and the result equals {@link #apply}'s.
     * The default copies, as {@link #apply} does.
     *
     * @throws TransformException as {@link #apply}
     */
    default ObjectNode applyShared(String id, ObjectNode source) {
        return apply(id, source);
    }
}
