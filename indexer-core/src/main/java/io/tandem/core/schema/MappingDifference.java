package io.tandem.core.schema;

import java.util.Objects;

/**
 * One field-level difference between the contract (expected) and a live index (actual).
 *
 * <p>{@code toString()} is one readable line: {@code + path} exists only in the live index, {@code - path} only in
 * the contract, {@code ~ path} differs, shown as {@code expected -> actual}.
 *
 * @param path      the full dotted field path, multi-fields included ({@code title.raw}); empty for the mapping root;
 *                  for an analysis setting the component's setting path ({@code index.analysis.analyzer.folded})
 * @param kind      what differs
 * @param parameter the mapping parameter that differs ({@code type}, {@code analyzer}, {@code dynamic},
 *                  {@code doc_values}...); {@code null} for an added or removed field
 * @param expected  the contract's value (the field's type for a removed field); {@code null} when unset
 * @param actual    the live value (the field's type for an added field); {@code null} when unset
 */
public record MappingDifference(String path, Kind kind, String parameter, String expected, String actual) {

    /** What differs. */
    public enum Kind {
        /** In the live index, not in the contract (e.g. added by dynamic mapping or by hand). */
        FIELD_ADDED,
        /** In the contract, not in the live index. */
        FIELD_REMOVED,
        /** Same path, another type: never fixable in place, the index must be rebuilt. */
        TYPE_CHANGED,
        /**
         * A field's {@code analyzer}, {@code search_analyzer}, {@code search_quote_analyzer} or {@code normalizer}, or
         * the definition of an analyzer, tokenizer, filter or normalizer in the index's analysis settings.
         */
        ANALYSIS_CHANGED,
        /** {@code dynamic} of the root or of an object: what happens to fields nobody declared. */
        DYNAMIC_CHANGED,
        /** Any other mapping parameter ({@code index}, {@code doc_values}, {@code format}, {@code copy_to}...). */
        PARAMETER_CHANGED
    }

    public MappingDifference {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.FIELD_ADDED || kind == Kind.FIELD_REMOVED) != (parameter == null)) {
            throw new IllegalArgumentException("a parameter is named for changes only, not for added or removed fields");
        }
    }

    static MappingDifference added(String path, String liveType) {
        return new MappingDifference(path, Kind.FIELD_ADDED, null, null, liveType);
    }

    static MappingDifference removed(String path, String expectedType) {
        return new MappingDifference(path, Kind.FIELD_REMOVED, null, expectedType, null);
    }

    static MappingDifference changed(String path, Kind kind, String parameter, String expected, String actual) {
        return new MappingDifference(path, kind, parameter, expected, actual);
    }

    @Override
    public String toString() {
        String where = path.isEmpty() ? "(root)" : path;
        return switch (kind) {
            case FIELD_ADDED -> "+ " + where + ": " + actual + " (in the live index, not in the contract)";
            case FIELD_REMOVED -> "- " + where + ": " + expected + " (in the contract, not in the live index)";
            default -> "~ " + where + ": " + parameter + " " + shown(expected) + " -> " + shown(actual);
        };
    }

    private static String shown(String value) {
        return value == null ? "(unset)" : value;
    }
}
