package io.tandem.core.sink;

import java.util.List;

/**
 * Writes sent together in one {@code _bulk} request.
 *
 * @param writes  the writes, in the order of the body (the response lists its items in the same order)
 * @param retries how many times these writes were already sent and answered with a transient failure
 */
record BulkBatch(List<PendingWrite> writes, int retries) {

    BulkBatch {
        writes = List.copyOf(writes);
        if (writes.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one write");
        }
    }

    static BulkBatch of(List<PendingWrite> writes) {
        return new BulkBatch(writes, 0);
    }

    int size() {
        return writes.size();
    }

    long bytes() {
        return writes.stream().mapToLong(PendingWrite::bytes).sum();
    }

    byte[] body() {
        return BulkBody.of(writes);
    }

    /** Some of these writes, to be sent again after a transient failure. */
    BulkBatch retry(List<PendingWrite> again) {
        return new BulkBatch(again, retries + 1);
    }

    /** The first and second half, for a request the engine found too large; needs at least two writes. */
    List<BulkBatch> halves() {
        int middle = writes.size() / 2;
        return List.of(new BulkBatch(writes.subList(0, middle), retries),
                new BulkBatch(writes.subList(middle, writes.size()), retries));
    }
}
