package io.tandem.ops.sync;

import java.util.Objects;

/**
 * One place where what the target holds differs from what schema sync wants there.
 *
 * <p>{@code toString()} is one readable line: {@code + path: wanted} (missing on the target), {@code - path: live}
 * (only on the target), {@code ~ path: live -> wanted}.
 *
 * @param path           dotted path in the definition ({@code settings.index.number_of_shards},
 *                       {@code mappings.title.analyzer}, {@code policy.states[0].actions[0].rollover.min_size})
 * @param wanted         what schema sync wants there; {@code null} when it wants nothing there
 * @param live           what the target holds; {@code null} when it holds nothing there
 * @param fixableInPlace whether an existing index can take the wanted value without being recreated (a field or an
 *                       alias it lacks)
 */
public record DefinitionDifference(String path, String wanted, String live, boolean fixableInPlace) {

    public DefinitionDifference {
        Objects.requireNonNull(path, "path");
        if (wanted == null && live == null) {
            throw new IllegalArgumentException(path + ": a difference has a value on at least one side");
        }
    }

    @Override
    public String toString() {
        if (live == null) {
            return "+ " + path + ": " + wanted + " (missing on the target)";
        }
        if (wanted == null) {
            return "- " + path + ": " + live + " (only on the target)";
        }
        return "~ " + path + ": " + live + " -> " + wanted;
    }
}
