package io.tandem.core.sink;

import java.util.Objects;

/**
 * What one item of a {@code _bulk} response means for its write.
 *
 * @param disposition final outcome, or retry
 * @param reason      the engine's error as {@code "<type>: <reason>"}, {@code null} when applied
 */
record ItemVerdict(Disposition disposition, String reason) {

    enum Disposition {
        APPLIED, STALE, REJECTED,
        /** A transient failure of this item alone: send it again later. */
        RETRY
    }

    static final ItemVerdict APPLIED = new ItemVerdict(Disposition.APPLIED, null);

    ItemVerdict {
        Objects.requireNonNull(disposition, "disposition");
    }

    /** The final outcome; not for a retry. */
    WriteOutcome outcome() {
        return switch (disposition) {
            case APPLIED -> WriteOutcome.APPLIED;
            case STALE -> WriteOutcome.STALE;
            case REJECTED -> WriteOutcome.REJECTED;
            case RETRY -> throw new IllegalStateException("a retry is no outcome");
        };
    }
}
