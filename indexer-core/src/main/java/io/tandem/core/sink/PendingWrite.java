package io.tandem.core.sink;

import io.tandem.core.document.Operation;
import java.util.concurrent.CompletableFuture;

/**
 * A submitted write, encoded once on submission (its size decides batching, and a retry re-sends the same bytes),
 * with what tells its submitter the outcome.
 */
final class PendingWrite {

    /** Hands a write's final outcome to its submitter; runs on the writer's thread, so it must not block. */
    @FunctionalInterface
    interface Completion {
        void complete(WriteOutcome outcome, String reason);
    }

    private final Operation operation;
    private final byte[] ndjson;
    private final Completion completion;

    PendingWrite(Operation operation, byte[] ndjson, Completion completion) {
        this.operation = operation;
        this.ndjson = ndjson;
        this.completion = completion;
    }

    /** A write whose submitter gets a {@link WriteResult} holding {@code request}. */
    static PendingWrite of(WriteRequest request, CompletableFuture<WriteResult> result) {
        return new PendingWrite(request.operation(), BulkBody.encode(request),
                (outcome, reason) -> result.complete(new WriteResult(request, outcome, reason)));
    }

    /** A write whose submitter gets only the outcome, so that nothing but the bytes is held meanwhile. */
    static PendingWrite forStatus(WriteRequest request, CompletableFuture<WriteStatus> status) {
        String id = request.id(); // not the request: its document would stay reachable until the write is done
        return new PendingWrite(request.operation(), BulkBody.encode(request),
                (outcome, reason) -> status.complete(new WriteStatus(id, outcome, reason)));
    }

    Operation operation() {
        return operation;
    }

    /** This write's lines of a {@code _bulk} body, each ended by a newline. Not to be modified. */
    byte[] ndjson() {
        return ndjson;
    }

    int bytes() {
        return ndjson.length;
    }

    void complete(WriteOutcome outcome, String reason) {
        completion.complete(outcome, reason);
    }
}
