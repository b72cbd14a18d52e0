package io.tandem.core.sink;

import java.util.Objects;

/**
 * One index setting changed by {@link BulkLoadTuning}, as a report prints it.
 *
 * @param setting the flat setting name, e.g. {@code index.refresh_interval}
 * @param before  the explicit value before, or {@code null} when the index had the engine default
 * @param after   the explicit value after, or {@code null} when it was reset to the engine default
 */
public record SettingChange(String setting, String before, String after) {

    private static final String DEFAULT = "(default)";

    public SettingChange {
        Objects.requireNonNull(setting, "setting");
    }

    /** {@code index.refresh_interval: 1s -> -1}, or {@code index.translog.durability: (default) -> async}. */
    @Override
    public String toString() {
        return setting + ": " + (before == null ? DEFAULT : before) + " -> " + (after == null ? DEFAULT : after);
    }
}
