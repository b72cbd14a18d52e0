package io.tandem.core.transform;

import java.util.Map;

/**
 * A transform that only this module's tests register, through {@code src/test/resources/META-INF/services}, to prove
 * that {@link Transforms} finds providers beyond the built-ins.
 */
public final class StampIdTransformProvider implements TransformProvider {

    @Override
    public String name() {
        return "test-stamp-id";
    }

    @Override
    public DocumentTransform create(Map<String, String> options) {
        String field = options.getOrDefault("field", "stamped_id");
        return (id, source) -> source.deepCopy().put(field, id);
    }
}
