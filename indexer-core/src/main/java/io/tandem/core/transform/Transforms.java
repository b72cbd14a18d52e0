package io.tandem.core.transform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Finds transforms by name among the {@link TransformProvider}s on the class path.
 *
 * <p>Providers are discovered on every call rather than cached: loading happens once per pipeline start, and no
 * cache means no stale state when the context class loader changes.
 */
public final class Transforms {

    private Transforms() {
    }

    /**
     * The transform called {@code name}, configured by {@code options}.
     *
     * @throws IllegalArgumentException when no provider has that name (the message lists the available names), or
     *                                  when the provider rejects the options
     * @throws IllegalStateException    when two providers claim the same name
     */
    public static DocumentTransform load(String name, Map<String, String> options) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        SortedMap<String, TransformProvider> providers = providers();
        TransformProvider provider = providers.get(name);
        if (provider == null) {
            throw new IllegalArgumentException("unknown transform " + TransformOptions.quote(name)
                    + "; available: " + String.join(", ", providers.keySet()));
        }
        // A private copy, so neither side can change the options under the other.
        DocumentTransform transform = provider.create(Collections.unmodifiableMap(new LinkedHashMap<>(options)));
        return Objects.requireNonNull(transform, () -> "transform provider " + name + " returned null");
    }

    /** The names of all discovered transforms, sorted. */
    public static List<String> available() {
        return List.copyOf(providers().keySet());
    }

    private static SortedMap<String, TransformProvider> providers() {
        SortedMap<String, TransformProvider> byName = new TreeMap<>();
        for (TransformProvider provider : ServiceLoader.load(TransformProvider.class)) {
            String name = provider.name();
            if (name == null || name.isBlank()) {
                throw new IllegalStateException("transform provider " + provider.getClass().getName()
                        + " has no name");
            }
            TransformProvider previous = byName.putIfAbsent(name, provider);
            // Picking one silently would make the result depend on class path order.
            if (previous != null) {
                throw new IllegalStateException("transform name " + TransformOptions.quote(name)
                        + " is provided by both " + previous.getClass().getName() + " and "
                        + provider.getClass().getName());
            }
        }
        return byName;
    }
}
