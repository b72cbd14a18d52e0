package io.tandem.core.transform;

import java.util.Map;
import java.util.Set;

/** Provides {@link IdentityTransform} as {@code identity}; it takes no options. */
public final class IdentityTransformProvider implements TransformProvider {

    public static final String NAME = "identity";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DocumentTransform create(Map<String, String> options) {
        new TransformOptions(NAME, options, Set.of()); // rejects every option
        return new IdentityTransform();
    }
}
