package io.tandem.ops.parity;

import io.tandem.core.transform.DocumentTransform;
import io.tandem.core.transform.TransformProvider;
import java.util.Map;

/**
 * A transform that only this module's tests register, through {@code src/test/resources/META-INF/services}: it exists,
 * but nothing says how queries follow it.
 */
public final class UntranslatedTransformProvider implements TransformProvider {

    static final String NAME = "test-untranslated";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DocumentTransform create(Map<String, String> options) {
        return (id, source) -> source.deepCopy().put("touched", true);
    }
}
