package io.tandem.core.sink;

import java.util.ArrayList;
import java.util.List;

/**
 * The batch being filled. Not thread-safe: the writer guards it with its lock. Mutable on purpose: copying an
 * immutable batch on every write would cost O(n²) per batch.
 */
final class BatchBuilder {

    private final int maxDocs;
    private final long maxBytes;
    private final List<PendingWrite> writes = new ArrayList<>();
    private long bytes;
    private boolean due;

    BatchBuilder(int maxDocs, long maxBytes) {
        this.maxDocs = maxDocs;
        this.maxBytes = maxBytes;
    }

    /** Whether {@code write} fits; an empty batch takes any write, so a write larger than maxBytes goes alone. */
    boolean accepts(PendingWrite write) {
        return writes.isEmpty() || (writes.size() < maxDocs && bytes + write.bytes() <= maxBytes);
    }

    void add(PendingWrite write) {
        writes.add(write);
        bytes += write.bytes();
    }

    boolean isEmpty() {
        return writes.isEmpty();
    }

    /** No further write can join. */
    boolean isFull() {
        return writes.size() >= maxDocs || bytes >= maxBytes;
    }

    /** Marks the batch as to be sent although not full (its flush interval passed, or a flush was asked for). */
    void markDue() {
        due = true;
    }

    /** Ready to be sent as soon as a request slot is free. */
    boolean isSendable() {
        return !writes.isEmpty() && (due || isFull());
    }

    /** The batch as it is; this builder starts over empty. */
    BulkBatch take() {
        BulkBatch batch = BulkBatch.of(writes);
        writes.clear();
        bytes = 0;
        due = false;
        return batch;
    }
}
