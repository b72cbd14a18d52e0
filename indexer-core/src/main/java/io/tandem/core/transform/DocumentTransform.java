package io.tandem.core.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.DotPath;
import io.tandem.core.json.PartialTree;
import java.util.Optional;
import java.util.Set;

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

    /**
     * The paths of the fields this transform reads or changes, where it knows them. A reader may then parse only
     * those and keep every other field as the JSON it came as ({@link PartialTree}), which the transform must leave
     * as it is: a document's large text it does not touch is then neither decoded nor encoded again. Empty, the
     * default: the transform may read any field, and gets every field parsed.
     */
    default Optional<Set<DotPath>> paths() {
        return Optional.empty();
    }
}
