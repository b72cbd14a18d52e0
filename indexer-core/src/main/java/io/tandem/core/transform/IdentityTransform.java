package io.tandem.core.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.DotPath;
import java.util.Optional;
import java.util.Set;

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

    /** None: every field passes through as it came. */
    @Override
    public Optional<Set<DotPath>> paths() {
        return Optional.of(Set.of());
    }
}
