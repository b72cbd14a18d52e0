package io.tandem.ops.cutover;

import java.util.Locale;

/** What must hold before the aliases move, in the order they are checked. */
public enum Precondition {
    /** The aliases point where the mode expects (same cluster: at the old or the new index only). */
    ALIASES,
    /** The new index's mapping keeps the contract file. */
    MAPPING,
    /** Every slice of the latest backfill into the new index is checkpointed as done. */
    BACKFILL,
    /** The last verification of the new index passed, recently enough. */
    VERIFY,
    /** The last query-parity run of the new index passed, recently enough (only when asked for). */
    PARITY,
    /** The consumer's lag stayed 0 for the required time. */
    LAG;

    /** The name operators type and read: {@code backfill}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a label, case-insensitively; the error lists the valid ones. */
    public static Precondition parse(String label) {
        for (Precondition check : values()) {
            if (check.label().equalsIgnoreCase(label.trim())) {
                return check;
            }
        }
        throw new IllegalArgumentException("unknown check '" + label + "'; valid: mapping, backfill, verify, parity, lag");
    }
}
