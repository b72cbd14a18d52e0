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
import java.util.BitSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backfill's scroll slices as a source of the {@link CopyStep}: reads a slice ({@link SliceChunks}: one scroll
 * over the chunks not yet finished), page by page, and hands each document, with the backfill's version rule, to the
 * step (transform, versioned write, dead letter to the file); each time chunks finish ({@link ChunkTally}: all of
 * their documents copied and settled) the slice is checkpointed, and a rerun reads only the chunks left.
 * A reading that cannot go on but may pass from the start ({@link SliceReadAgainException}: the scroll expired, e.g.
 * during a source outage, shards failed) is started again over the chunks not finished, up to {@link #READINGS} times.
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

    /** Told each time more chunks of the slice are read and every copy of them settled. */
    @FunctionalInterface
    public interface Checkpoint {
        void reached(SliceCheckpoints.Position position);
    }

    /**
     * Copies the chunks of slice {@code slice} not done at {@code from}, passing {@code checkpoint} each position
     * where more of them are finished; the slice's end is in the result.
     *
     * @throws DeadLetterLostException when a document failed and its dead letter could not be written
     * @throws ClusterConditionException when the writer stopped on a cluster condition
     */
    public SliceResult copy(int slice, SliceCheckpoints.Position from, Checkpoint checkpoint)
            throws InterruptedException {
        Origin origin = Origin.named("slice " + slice + " of " + sourceIndex);
        SliceCheckpoints.Position position = from;
        long failedUnfinished = 0; // dead letters in the chunks a reading given up on had not finished
        for (int reading = 1; ; reading++) {
            if (position.remaining().isEmpty()) {
                // every chunk finished: a run stopped after its last checkpoint, or a reading lost at its very end
                return new SliceResult(position.documents(), position.failed() + failedUnfinished);
            }
            ChunkTally tally = new ChunkTally(from.chunks(), position.remaining());
            PendingWrites pending = new PendingWrites();
            SliceCheckpoints.Position[] reached = {position};
            try {
                long read = reader.readChunks(slice, from.chunks(), position.remaining(), tally::counted, page -> {
                    copyPage(page, origin, pending, tally);
                    ChunkTally.Finished finished = tally.take();
                    if (!finished.isEmpty()) {
                        reached[0] = finish(reached[0], finished);
                        checkpoint.reached(reached[0]);
                    }
                });
                long failed = pending.awaitNone(); // every chunk read and settled: the slice's end
                return new SliceResult(position.documents() + read, position.failed() + failedUnfinished + failed);
            } catch (SliceReadAgainException e) {
                // this reading's copies settle (and count their dead letters) before the chunks left are read again
                long failed = pending.awaitNone();
                ChunkTally.Finished finished = tally.take();
                position = finish(reached[0], finished);
                if (!finished.isEmpty()) {
                    checkpoint.reached(position);
                }
                failedUnfinished += failed - tally.takenFailed();
                if (reading == READINGS) {
                    throw e;
                }
                counters.sliceReadAgain();
                LOG.warn("{}; reading its {} unfinished chunks again (reading {} of {})", e.getMessage(),
                        position.remaining().cardinality(), reading + 1, READINGS);
            }
        }
    }

    /** {@code position} with {@code finished} done too. */
    private static SliceCheckpoints.Position finish(SliceCheckpoints.Position position, ChunkTally.Finished finished) {
        BitSet done = position.done();
        done.or(finished.chunks());
        return new SliceCheckpoints.Position(position.chunks(), done, position.documents() + finished.documents(),
                position.failed() + finished.failed());
    }

    private void copyPage(List<SourceDocument> page, Origin origin, PendingWrites pending, ChunkTally tally)
            throws InterruptedException {
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
                                tally.settled(document, outcome == CopyStep.Outcome.DEAD_LETTERED);
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
