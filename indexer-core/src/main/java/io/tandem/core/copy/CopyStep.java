package io.tandem.core.copy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.cluster.ClusterConditionException;
import io.tandem.core.document.Operation;
import io.tandem.core.sink.VersionedWrites;
import io.tandem.core.sink.WriteOutcome;
import io.tandem.core.sink.WriteRequest;
import io.tandem.core.source.SourceJson;
import io.tandem.core.transform.DocumentTransform;
import io.tandem.core.transform.TransformException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The one way a document goes from any source (the consumer's commands, the backfill's scroll slices, repair's ids, a
 * re-drive of dead letters) into the new index: version, transform, versioned write, and for a document at fault a
 * dead letter. Each document resolves to {@link Outcome#APPLIED}, {@link Outcome#STALE} or
 * {@link Outcome#DEAD_LETTERED} once that is durable, or fails: with the writer's
 * {@link ClusterConditionException} when it stopped on a cluster condition (no document is at fault, nothing is
 * dead-lettered), or with a {@link CopyFailedException} when the write failed instead of ending or the dead letter
 * could not be recorded. Never a fourth outcome: the caller stops on a failure without counting the document done.
 *
 * <p>Futures complete on the writer's or the sink's thread; what the caller attaches must not block. Dead letters
 * are handed to the sink, whose own thread records them. Thread-safe.
 */
public final class CopyStep {

    /** How a document's copy ended. */
    public enum Outcome {
        /** The target holds it now (a delete: its tombstone). */
        APPLIED,
        /** The target holds a newer version or a delete's tombstone: harmless. */
        STALE,
        /** Recorded in the dead letters, durably. */
        DEAD_LETTERED
    }

    /** The version of a document, which the version rule may fail to find in it. */
    @FunctionalInterface
    public interface Version {
        /** @throws IllegalArgumentException when the document has no usable version: it is dead-lettered */
        long resolve();

        static Version of(long version) {
            return () -> version;
        }
    }

    /**
     * One document from a source.
     *
     * @param id        the document id
     * @param operation upsert (transformed, then written whole) or delete
     * @param source    the source tree for an upsert, {@code null} for a delete; never changed
     * @param raw       the source as it arrived, kept for a dead letter; {@code null} when there is none
     * @param version   its version, or the rule that finds it
     * @param origin    where it came from
     */
    public record Document(String id, Operation operation, ObjectNode source, SourceJson raw, Version version,
                           Origin origin) {
        public Document {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(origin, "origin");
        }
    }

    /**
     * What a write in flight keeps for its outcome: never the document tree, which would stay reachable until the
     * write is done (the backfill keeps thousands in flight); the source's bytes only.
     */
    private record InFlight(String id, SourceJson raw, Origin origin) {
    }

    private final DocumentTransform transform;
    private final VersionedWrites writer;
    private final DeadLetterSink deadLetters;
    private final String index;

    /**
     * @param transform   applied to every upsert with {@link DocumentTransform#applyShared}: the step only serializes
     *                    the result, and keeps the source as it arrived
     * @param writer      the versioned writer
     * @param deadLetters where documents at fault go
     * @param index       the target index or write alias
     */
    public CopyStep(DocumentTransform transform, VersionedWrites writer, DeadLetterSink deadLetters, String index) {
        this.transform = Objects.requireNonNull(transform, "transform");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.index = Objects.requireNonNull(index, "index");
    }

    public String index() {
        return index;
    }

    public DeadLetterSink deadLetters() {
        return deadLetters;
    }

    /**
     * Copies one document. Returns once its write is queued (blocking as the writer does, for backpressure) or its
     * dead letter handed to the sink.
     *
     * @throws ClusterConditionException when the writer has stopped; the document was not taken
     * @throws IllegalStateException     when the writer is closed; the document was not taken
     */
    public CompletableFuture<Outcome> copy(Document document) {
        long version;
        try {
            version = document.version().resolve();
        } catch (IllegalArgumentException e) {
            return deadLetter(document.id(), FailureStage.VERSION, e.getMessage(), document.raw(), document.origin());
        }
        ObjectNode written = null;
        if (document.operation() == Operation.UPSERT) {
            try {
                written = transform.applyShared(document.id(), document.source());
            } catch (TransformException e) {
                return deadLetter(document.id(), FailureStage.TRANSFORM, e.getMessage(), document.raw(),
                        document.origin());
            }
        }
        WriteRequest request = new WriteRequest(index, document.id(), version, document.operation(), written);
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        writer.write(request, new InFlight(document.id(), document.raw(), document.origin()))
                .whenComplete((result, error) -> {
                    // on the writer's thread: nothing here blocks, and nothing thrown here may vanish
                    try {
                        Throwable cause = unwrap(error);
                        if (cause instanceof ClusterConditionException stop) {
                            outcome.completeExceptionally(stop);
                        } else if (cause != null) {
                            outcome.completeExceptionally(new CopyFailedException("its write failed", false, cause));
                        } else if (result.outcome() == WriteOutcome.REJECTED) {
                            InFlight copy = result.context();
                            forward(deadLetter(copy.id(), FailureStage.WRITE, result.reason(), copy.raw(),
                                    copy.origin()), outcome);
                        } else {
                            outcome.complete(result.outcome() == WriteOutcome.APPLIED ? Outcome.APPLIED : Outcome.STALE);
                        }
                    } catch (Throwable e) {
                        outcome.completeExceptionally(new CopyFailedException("its outcome could not be handled",
                                false, e));
                    }
                });
        return outcome;
    }

    /**
     * Records a document that failed before it could be copied (a record that is no command): it ends
     * {@link Outcome#DEAD_LETTERED} once the sink has it, or fails with a {@link CopyFailedException}.
     */
    public CompletableFuture<Outcome> deadLetter(String id, FailureStage stage, String reason, SourceJson raw,
                                                 Origin origin) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        CompletableFuture<Void> recorded;
        try {
            recorded = deadLetters.record(new DeadLetter(id, index, stage, reason, raw, origin));
        } catch (Throwable e) {
            // a sink must not throw; one that does loses the letter all the same
            recorded = CompletableFuture.failedFuture(e);
        }
        recorded.whenComplete((ok, error) -> {
            if (error == null) {
                outcome.complete(Outcome.DEAD_LETTERED);
            } else {
                outcome.completeExceptionally(new CopyFailedException(
                        "its dead letter could not be " + deadLetters.destination(), true, unwrap(error)));
            }
        });
        return outcome;
    }

    /**
     * Waits until every document copied so far has its outcome: the writes first, since a write rejected meanwhile
     * hands its dead letter to the sink before the writer's flush ends; then the sink.
     */
    public void drain() {
        writer.flush();
        deadLetters.flush();
    }

    private static void forward(CompletableFuture<Outcome> from, CompletableFuture<Outcome> to) {
        from.whenComplete((value, error) -> {
            if (error == null) {
                to.complete(value);
            } else {
                to.completeExceptionally(unwrap(error));
            }
        });
    }

    /** The failure itself, not the {@link CompletionException} a dependent stage wraps it in. */
    public static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
