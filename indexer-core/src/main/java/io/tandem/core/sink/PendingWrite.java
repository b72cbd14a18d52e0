package io.tandem.core.sink;

import java.util.concurrent.CompletableFuture;

/**
 * A submitted write, encoded once on submission (its size decides batching, and a retry re-sends the same bytes),
 * with the future its submitter holds.
 */
final class PendingWrite {

    private final WriteRequest request;
    private final byte[] ndjson;
    private final CompletableFuture<WriteResult> result = new CompletableFuture<>();

    PendingWrite(WriteRequest request, byte[] ndjson) {
        this.request = request;
        this.ndjson = ndjson;
    }

    static PendingWrite of(WriteRequest request) {
        return new PendingWrite(request, BulkBody.encode(request));
    }

    WriteRequest request() {
        return request;
    }

    /** This write's lines of a {@code _bulk} body, each ended by a newline. Not to be modified. */
    byte[] ndjson() {
        return ndjson;
    }

    int bytes() {
        return ndjson.length;
    }

    CompletableFuture<WriteResult> result() {
        return result;
    }
}
