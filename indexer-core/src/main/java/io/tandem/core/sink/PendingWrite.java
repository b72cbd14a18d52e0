package io.tandem.core.sink;

import io.tandem.core.cluster.ClusterConditionException;
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
    private final String index;
    private final byte[] ndjson;
    private final Completion completion;
    private final CompletableFuture<?> future;

    private PendingWrite(Operation operation, String index, byte[] ndjson, Completion completion,
                         CompletableFuture<?> future) {
        this.operation = operation;
        this.index = index;
        this.ndjson = ndjson;
        this.completion = completion;
        this.future = future;
    }

    /**
     * A write whose submitter gets a {@link WriteResult} with {@code context}. Only the encoded bytes, the id and the
     * context are held until it completes, never the request: its document tree would stay reachable meanwhile.
     */
    static <C> PendingWrite of(WriteRequest request, C context, CompletableFuture<WriteResult<C>> result) {
        String id = request.id();
        return new PendingWrite(request.operation(), request.index(), BulkBody.encode(request),
                (outcome, reason) -> result.complete(new WriteResult<>(context, id, outcome, reason)), result);
    }

    Operation operation() {
        return operation;
    }

    /** The index (or alias) written to, for what the writer reports about it. */
    String index() {
        return index;
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

    /** The writer stopped before this write had an outcome: its future completes exceptionally with {@code stop}. */
    void fail(ClusterConditionException stop) {
        future.completeExceptionally(stop);
    }
}
