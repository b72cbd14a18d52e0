package io.tandem.core.sink;

import java.util.List;

/**
 * Writes sent together in one {@code _bulk} request.
 *
 * @param writes  the writes, in the order of the body (the response lists its items in the same order)
 * @param retries how many times these writes were already sent and answered with a failure that may pass
 * @param stops   how many of the last answers in a row reported a condition that stops the writer: it stops only
 *                once {@link BulkSender#STOP_AFTER} answers in a row said so, not on a one-off answer
 */
record BulkBatch(List<PendingWrite> writes, int retries, int stops) {

    BulkBatch {
        writes = List.copyOf(writes);
        if (writes.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one write");
        }
    }

    static BulkBatch of(List<PendingWrite> writes) {
        return new BulkBatch(writes, 0, 0);
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

    /** Some of these writes, to be sent again after a failure that may pass. */
    BulkBatch retry(List<PendingWrite> again) {
        return new BulkBatch(again, retries + 1, 0);
    }

    /** Some of these writes, to be sent again after an answer that would stop the writer, to see it confirmed. */
    BulkBatch retryToConfirmStop(List<PendingWrite> again) {
        return new BulkBatch(again, retries + 1, stops + 1);
    }

    /** The first and second half, for a request the engine found too large; needs at least two writes. */
    List<BulkBatch> halves() {
        int middle = writes.size() / 2;
        return List.of(new BulkBatch(writes.subList(0, middle), retries, 0),
                new BulkBatch(writes.subList(middle, writes.size()), retries, 0));
    }
}
