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
}
