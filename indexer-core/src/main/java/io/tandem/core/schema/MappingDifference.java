package io.tandem.core.schema;

import io.tandem.core.json.DotPath;
import java.util.Objects;

/**
 * One field-level difference between the contract (expected) and a live index (actual).
 *
 * <p>{@code toString()} is one readable line: {@code + path} exists only in the live index, {@code - path} only in
 * the contract, {@code ~ path} differs, shown as {@code expected -> actual}. A field that dynamic mapping added where
 * the contract allows it ({@link Kind#DYNAMIC_FIELD_ADDED}) is not drift but information, and says so:
 * {@code ~ actions.clicked: boolean (added by dynamic mapping under 'actions', allowed by the contract)}.
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
        /**
         * In the live index, not in the contract, where the contract does not let the engine add it (under a
         * {@code strict} or {@code false} object, as a new multi-field, or added by hand there): drift.
         */
        FIELD_ADDED,
        /**
         * In the live index, not in the contract, under an object (or the root) whose {@code dynamic} is {@code true}
         * or {@code runtime} in the contract and in the live index (set there or inherited): what dynamic mapping adds,
         * allowed by the contract. Information, not drift: {@link #allowed()}.
         */
        DYNAMIC_FIELD_ADDED,
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
        boolean field = kind == Kind.FIELD_ADDED || kind == Kind.DYNAMIC_FIELD_ADDED || kind == Kind.FIELD_REMOVED;
        if (field != (parameter == null)) {
            throw new IllegalArgumentException("a parameter is named for changes only, not for added or removed fields");
        }
    }

    static MappingDifference added(String path, String liveType) {
        return new MappingDifference(path, Kind.FIELD_ADDED, null, null, liveType);
    }

    static MappingDifference dynamicallyAdded(String path, String liveType) {
        return new MappingDifference(path, Kind.DYNAMIC_FIELD_ADDED, null, null, liveType);
    }

    static MappingDifference removed(String path, String expectedType) {
        return new MappingDifference(path, Kind.FIELD_REMOVED, null, expectedType, null);
    }

    static MappingDifference changed(String path, Kind kind, String parameter, String expected, String actual) {
        return new MappingDifference(path, kind, parameter, expected, actual);
    }

    /**
     * Whether the contract allows this: a field dynamic mapping added where the contract lets it. The one rule of
     * {@link ContractResult#matches()}: every other difference is drift.
     */
    public boolean allowed() {
        return kind == Kind.DYNAMIC_FIELD_ADDED;
    }

    @Override
    public String toString() {
        String where = path.isEmpty() ? "(root)" : path;
        return switch (kind) {
            case FIELD_ADDED -> "+ " + where + ": " + actual + " (in the live index, not in the contract)";
            case DYNAMIC_FIELD_ADDED -> {
                DotPath parent = DotPath.ofEngineField(path).parent();
                yield "~ " + where + ": " + actual + " (added by dynamic mapping "
                        + (parent.isRoot() ? "at the root" : "under '" + parent + "'") + ", allowed by the contract)";
            }
            case FIELD_REMOVED -> "- " + where + ": " + expected + " (in the contract, not in the live index)";
            default -> "~ " + where + ": " + parameter + " " + shown(expected) + " -> " + shown(actual);
        };
    }

    private static String shown(String value) {
        return value == null ? "(unset)" : value;
    }
}
