package io.tandem.backfill.copy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tandem.core.cluster.ClusterConditionException;
import io.tandem.core.copy.CopyStep;
import io.tandem.core.copy.Origin;
import io.tandem.core.document.Operation;
import io.tandem.core.json.JsonMappers;
import io.tandem.core.sink.VersionRule;
import io.tandem.core.source.SliceChunks;
import io.tandem.core.source.SliceReadAgainException;
import io.tandem.core.source.SlicedScrollReader;
import io.tandem.core.source.SourceDocument;
import io.tandem.core.source.SourceJson;
import io.tandem.core.source.Throttle;
import io.tandem.core.state.SliceCheckpoints;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backfill's scroll slices as a source of the {@link CopyStep}: reads a slice chunk by chunk ({@link SliceChunks}),
 * page by page, and hands each document, with the backfill's version rule, to the step (transform, versioned write,
 * dead letter to the file); each chunk whose copies all settled is a checkpoint a rerun resumes after.
 * A reading that cannot go on but may pass from the start ({@link SliceReadAgainException}: the scroll expired, e.g.
 * during a source outage, shards failed) is started again from the chunk's start, up to {@link #READINGS} times.
 * Returns once every copy of the slice is settled (written, stale, or dead-lettered), with how many were
 * dead-lettered, so the caller may checkpoint it; a dead letter that cannot be written fails the slice
 * ({@link DeadLetterLostException}): never a fourth outcome. A writer stopped by the cluster
 * ({@link ClusterConditionException}: a missing index, no write index, 401/403) fails the slice with that condition,
 * dead-lettering nothing: its documents are not at fault, and the next run copies the slice on from its checkpoint
 * once the cluster is fixed.
 */
public final class SliceCopier {

    // a scroll lost once (an outage past its keep-alive) is read again at once, the copy being idempotent; a cause
    // that outlasts three readings needs someone, and the next run redoes the slice
    static final int READINGS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(SliceCopier.class);

    private final SlicedScrollReader reader;
    private final CopyStep step;
    private final VersionRule versions;
    private final Throttle throttle;
    private final BackfillCounters counters;
    private final String sourceIndex;

    public SliceCopier(SlicedScrollReader reader, CopyStep step, VersionRule versions, Throttle throttle,
                       BackfillCounters counters, String sourceIndex) {
        this.reader = reader;
        this.step = step;
        this.versions = versions;
        this.throttle = throttle;
        this.counters = counters;
        this.sourceIndex = sourceIndex;
    }

    /** What copying a slice did: documents read, and how many of them went to the dead letters, earlier runs' included. */
    public record SliceResult(long read, long failed) {
    }

    /** Told each time the chunks before a position are read and every copy of them settled. */
    @FunctionalInterface
    public interface Checkpoint {
        void reached(SliceCheckpoints.Position position);
    }

    /**
     * Copies slice {@code slice} from {@code from} on, chunk by chunk: the next chunk is read while the previous
     * one's writes settle, and each settled chunk is passed to {@code checkpoint}; the last one is in the result.
     *
     * @throws DeadLetterLostException when a document failed and its dead letter could not be written
     * @throws ClusterConditionException when the writer stopped on a cluster condition
     */
    public SliceResult copy(int slice, SliceCheckpoints.Position from, Checkpoint checkpoint)
            throws InterruptedException {
        Origin origin = Origin.named("slice " + slice + " of " + sourceIndex);
        SliceChunks chunks = from.chunks();
        SliceCheckpoints.Position settled = from;
        ChunkCopy previous = null;
        for (int chunk = from.nextChunk(); chunk < chunks.count(); chunk++) {
            ChunkCopy current = copyChunk(slice, chunks, chunk, origin);
            if (previous != null) {
                settled = previous.settle(settled);
                checkpoint.reached(settled);
            }
            previous = current;
        }
        if (previous != null) {
            settled = previous.settle(settled);
        }
        return new SliceResult(settled.documents(), settled.failed());
    }

    /** A chunk read through, its writes maybe still in flight; dead letters of readings given up on counted. */
    private record ChunkCopy(int chunk, long read, long failedBefore, PendingWrites pending) {

        /** Waits for the chunk's writes and returns the position after it. */
        SliceCheckpoints.Position settle(SliceCheckpoints.Position before) throws InterruptedException {
            long failed = failedBefore + pending.awaitNone();
            return new SliceCheckpoints.Position(before.chunks(), chunk + 1, before.documents() + read,
                    before.failed() + failed);
        }
    }

    private ChunkCopy copyChunk(int slice, SliceChunks chunks, int chunk, Origin origin) throws InterruptedException {
        long failed = 0;
        for (int reading = 1; ; reading++) {
            PendingWrites pending = new PendingWrites();
            try {
                long read = reader.readChunk(slice, chunks, chunk, page -> copyPage(page, origin, pending));
                return new ChunkCopy(chunk, read, failed, pending);
            } catch (SliceReadAgainException e) {
                // this reading's copies settle (and count their dead letters) before the chunk is read again
                failed += pending.awaitNone();
                if (reading == READINGS) {
                    throw e;
                }
                counters.sliceReadAgain();
                LOG.warn("{}; reading its range again from its start (reading {} of {})", e.getMessage(), reading + 1, READINGS);
            }
        }
    }

    private void copyPage(List<SourceDocument> page, Origin origin, PendingWrites pending) throws InterruptedException {
        throttle.acquire(page.size());
        for (SourceDocument document : page) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("backfill interrupted");
            }
            counters.read();
            pending.add();
            // until the write is done the source is kept for a dead letter as the engine's bytes, not as a tree:
            // a fraction of the memory, and nothing to serialize
            step.copy(new CopyStep.Document(document.id(), Operation.UPSERT, document.source(), sourceOf(document),
                            () -> versions.versionOf(document), origin))
                    .whenComplete((outcome, error) -> {
                        try {
                            Throwable cause = CopyStep.unwrap(error);
                            if (cause instanceof ClusterConditionException stop) {
                                // the cluster, not the document: nothing to dead-letter, the slice stays undone
                                pending.stopped(stop);
                            } else if (cause != null) {
                                pending.unrecorded(cause);
                            } else {
                                switch (outcome) {
                                    case APPLIED -> counters.written();
                                    case STALE -> counters.stale();
                                    case DEAD_LETTERED -> {
                                        counters.failed();
                                        pending.failed();
                                    }
                                }
                            }
                        } catch (RuntimeException lost) {
                            // this callback's future is not watched by anyone: hand the failure to the slice
                            pending.unrecorded(lost);
                        } finally {
                            pending.done();
                        }
                    });
        }
    }

    /** The bytes the engine sent, or for a document the reader had only as a tree, the tree's JSON. */
    private static SourceJson sourceOf(SourceDocument document) {
        if (document.sourceJson().isPresent()) {
            return document.sourceJson().get();
        }
        try {
            return SourceJson.of(JsonMappers.SOURCE.writeValueAsBytes(document.source()));
        } catch (JsonProcessingException e) {
            // a tree of JSON nodes always serializes
            throw new IllegalStateException("cannot serialize the source of " + document.id() + ": " + e.getMessage(), e);
        }
    }
}
