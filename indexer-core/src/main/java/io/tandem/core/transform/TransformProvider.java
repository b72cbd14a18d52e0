package io.tandem.core.transform;

import java.util.Map;

/**
 * Service provider interface: creates one kind of {@link DocumentTransform} from its options. Implementations are
 * registered in {@code META-INF/services/io.tandem.core.transform.TransformProvider} and need a public no-argument
 * constructor.
 */
public interface TransformProvider {

    /** The name a configuration uses to select this transform, e.g. {@code tags-to-key-value}. */
    String name();

    /**
     * A transform configured by {@code options}. Options are checked here, once, so that a bad configuration fails at
     * startup rather than on every document.
     *
     * @param options option name to value; unmodifiable
     * @throws IllegalArgumentException for an unknown, missing or invalid option; the one-line message names it
     */
    DocumentTransform create(Map<String, String> options);
}
