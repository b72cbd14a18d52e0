package io.tandem.app.redrive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.cluster.ClusterConditionException;
import io.tandem.core.copy.CopyFailedException;
import io.tandem.core.copy.CopyStep;
import io.tandem.core.copy.DeadLetterFile;
import io.tandem.core.copy.FailureStage;
import io.tandem.core.copy.Origin;
import io.tandem.core.document.Operation;
import io.tandem.core.json.JsonMappers;
import io.tandem.core.sink.VersionRule;
import io.tandem.core.source.SourceDocument;
import io.tandem.core.source.SourceJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Dead letters as a source of the {@link CopyStep}: each document goes through the same transform, versioned write
 * and dead letter as when it first failed. Every document ends written, stale, dead-lettered again, or the re-drive
 * stops at the first one that cannot end so (a dead letter that cannot be written, a writer stopped by the cluster),
 * saying why.
 */
final class Redrive {

    private final CopyStep step;
    private final VersionRule versions;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong failedAgain = new AtomicLong();
    private final AtomicReference<String> failure = new AtomicReference<>();

    Redrive(CopyStep step, VersionRule versions) {
        this.step = step;
        this.versions = versions;
    }

    /** Re-drives a dead-letter file of the backfill (or of an earlier re-drive). */
    RedriveReport file(Path path) throws IOException {
        long[] read = {0};
        try {
            DeadLetterFile.read(path, line -> {
                if (failure.get() != null) {
                    throw new Stopped();
                }
                read[0]++;
                Origin origin = Origin.named(path + " line " + line.number());
                SourceJson raw = json(line.source());
                if (line.source() instanceof ObjectNode document) {
                    settle(step.copy(new CopyStep.Document(line.id(), Operation.UPSERT, document, raw,
                            () -> versions.versionOf(new SourceDocument(line.id(), document, OptionalLong.empty())),
                            origin)));
                } else {
                    settle(step.deadLetter(line.id(), FailureStage.PARSE, "the source is not a JSON object", raw,
                            origin));
                }
            });
            step.drain();
        } catch (Stopped e) {
            drainQuietly();
        } catch (ClusterConditionException e) {
            failure.compareAndSet(null, e.getMessage());
            drainQuietly();
        }
        return new RedriveReport(read[0], written.get(), stale.get(), failedAgain.get(), failure.get());
    }

    private void settle(CompletableFuture<CopyStep.Outcome> copied) {
        copied.whenComplete((outcome, error) -> {
            if (error != null) {
                Throwable cause = CopyStep.unwrap(error);
                failure.compareAndSet(null, cause instanceof CopyFailedException failed ? failed.getMessage()
                        : CopyFailedException.oneLine(cause));
                return;
            }
            switch (outcome) {
                case APPLIED -> written.incrementAndGet();
                case STALE -> stale.incrementAndGet();
                case DEAD_LETTERED -> failedAgain.incrementAndGet();
            }
        });
    }

    /** After a stop: what is in flight still ends, and its failure is already recorded. */
    private void drainQuietly() {
        try {
            step.drain();
        } catch (ClusterConditionException e) {
            failure.compareAndSet(null, e.getMessage());
        }
    }

    private static SourceJson json(JsonNode source) {
        try {
            return SourceJson.of(JsonMappers.SOURCE.writeValueAsBytes(source));
        } catch (JsonProcessingException e) {
            // a tree of JSON nodes always serializes
            throw new IllegalStateException("cannot serialize a dead letter's source: " + e.getMessage(), e);
        }
    }

    /** Ends reading the file once a document could not end: nothing after it is sent. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super(null, null, false, false);
        }
    }
}
