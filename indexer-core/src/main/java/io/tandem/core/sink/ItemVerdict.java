package io.tandem.core.sink;

import io.tandem.core.cluster.ClusterCondition;
import java.util.Objects;

/**
 * What one item of a {@code _bulk} response means for its write.
 *
 * @param disposition final outcome, retry, or stop the writer
 * @param reason      the engine's error as {@code "<type>: <reason>"}, {@code null} when applied
 * @param condition   the cluster condition the item reported ({@link ClusterCondition#of}), or {@code null}: always
 *                    one for {@link Disposition#STOP}, never one for a final outcome
 */
record ItemVerdict(Disposition disposition, String reason, ClusterCondition condition) {

    enum Disposition {
        APPLIED, STALE, REJECTED,
        /** A failure that may pass (overload, a blocked or closed index, ...): send the write again later. */
        RETRY,
        /**
         * The cluster refuses the write for a reason nothing passes until someone acts (a missing index, no
         * privilege): the write is not final, and the writer stops.
         */
        STOP
    }

    static final ItemVerdict APPLIED = new ItemVerdict(Disposition.APPLIED, null, null);

    ItemVerdict {
        Objects.requireNonNull(disposition, "disposition");
        if (disposition == Disposition.STOP && condition == null) {
            throw new IllegalArgumentException("a stop needs its cluster condition");
        }
    }

    /** A verdict about the write itself (applied, stale, rejected) or a retry not due to a cluster condition. */
    ItemVerdict(Disposition disposition, String reason) {
        this(disposition, reason, null);
    }

    /** Whether the write has its final outcome. */
    boolean isFinal() {
        return disposition != Disposition.RETRY && disposition != Disposition.STOP;
    }

    /** The final outcome; not for a retry or a stop. */
    WriteOutcome outcome() {
        return switch (disposition) {
            case APPLIED -> WriteOutcome.APPLIED;
            case STALE -> WriteOutcome.STALE;
            case REJECTED -> WriteOutcome.REJECTED;
            case RETRY, STOP -> throw new IllegalStateException("a " + disposition + " is no outcome");
        };
    }
}
