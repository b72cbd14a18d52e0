package io.tandem.core.sink;

import java.util.Objects;

/**
 * The final outcome of one write.
 *
 * @param request the write
 * @param outcome how it ended
 * @param reason  {@code null} when applied; for a rejected or stale write the engine's error as
 *                {@code "<type>: <reason>"}, e.g.
 *                {@code "strict_dynamic_mapping_exception: mapping set to strict, dynamic introduction of [x] within
 *                [_doc] is not allowed"}
 */
public record WriteResult(WriteRequest request, WriteOutcome outcome, String reason) {

    public WriteResult {
        Objects.requireNonNull(request, "request");
        checkOutcome(outcome, reason);
    }

    /** An outcome must be given, and a rejected write needs a reason; also for {@link WriteStatus}. */
    static void checkOutcome(WriteOutcome outcome, String reason) {
        Objects.requireNonNull(outcome, "outcome");
        if (outcome == WriteOutcome.REJECTED && reason == null) {
            throw new IllegalArgumentException("a rejected write needs a reason");
        }
    }
}
