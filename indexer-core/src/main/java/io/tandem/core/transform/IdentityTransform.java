package io.tandem.core.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Copies documents unchanged: the transform of a migration that only moves data. */
public final class IdentityTransform implements DocumentTransform {

    @Override
    public ObjectNode apply(String id, ObjectNode source) {
        return source.deepCopy();
    }

    /** The document itself: the caller changes neither it nor the result. */
    @Override
    public ObjectNode applyShared(String id, ObjectNode source) {
        return source;
    }
}
