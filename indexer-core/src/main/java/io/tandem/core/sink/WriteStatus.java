package io.tandem.core.sink;

import java.util.Objects;

/**
 * The final outcome of one write submitted with {@link VersionedBulkWriter#upsert}: a {@link WriteResult} without
 * the request, whose document that path does not keep.
 *
 * @param id      the document id
 * @param outcome how it ended
 * @param reason  {@code null} when applied; for a rejected or stale write the engine's error as
 *                {@code "<type>: <reason>"}, as in {@link WriteResult}
 */
public record WriteStatus(String id, WriteOutcome outcome, String reason) {

    public WriteStatus {
        Objects.requireNonNull(id, "id");
        WriteResult.checkOutcome(outcome, reason);
    }
}
