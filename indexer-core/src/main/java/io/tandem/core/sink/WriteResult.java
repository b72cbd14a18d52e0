package io.tandem.core.sink;

import java.util.Objects;

/**
 * The final outcome of one write, with the context its caller gave it.
 *
 * @param context what the caller passed with the write ({@link VersionedBulkWriter#write}), as given; may be null
 * @param id      the document id
 * @param outcome how it ended
 * @param reason  {@code null} when applied; for a rejected or stale write the engine's error as
 *                {@code "<type>: <reason>"}, e.g.
 *                {@code "strict_dynamic_mapping_exception: mapping set to strict, dynamic introduction of [x] within
 *                [_doc] is not allowed"}
 */
public record WriteResult<C>(C context, String id, WriteOutcome outcome, String reason) {

    public WriteResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(outcome, "outcome");
        if (outcome == WriteOutcome.REJECTED && reason == null) {
            throw new IllegalArgumentException("a rejected write needs a reason");
        }
    }
}
