package io.tandem.backfill.copy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.backfill.DeadLetterFile;
import io.tandem.core.cluster.ClusterConditionException;
import io.tandem.core.sink.VersionRule;
import io.tandem.core.sink.VersionedBulkWriter;
import io.tandem.core.sink.WriteOutcome;
import io.tandem.core.source.SlicedScrollReader;
import io.tandem.core.source.SourceDocument;
import io.tandem.core.source.SourceJson;
import io.tandem.core.transform.DocumentTransform;
import io.tandem.core.transform.TransformException;
import java.util.List;

/**
 * Copies one slice: reads it page by page, transforms each document with the consumer's transform, and writes it
 * through the versioned bulk writer with the backfill's version rule. Returns once every copy of the slice is
 * settled (written, stale, or dead-lettered), with how many were dead-lettered, so the caller may checkpoint it; a
 * dead letter that cannot be written fails the slice ({@link DeadLetterLostException}): never a fourth outcome.
 * A writer stopped by the cluster ({@link ClusterConditionException}: a missing index, no write index, 401/403)
 * fails the slice with that condition, dead-lettering nothing: its documents are not at fault, and the next run
 * copies the slice again once the cluster is fixed.
 */
public final class SliceCopier {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SlicedScrollReader reader;
    private final DocumentTransform transform;
    private final VersionRule versions;
    private final VersionedBulkWriter writer;
    private final String targetIndex;
    private final Throttle throttle;
    private final BackfillCounters counters;
    private final DeadLetterFile deadLetters;

    public SliceCopier(SlicedScrollReader reader, DocumentTransform transform, VersionRule versions,
                       VersionedBulkWriter writer, String targetIndex, Throttle throttle, BackfillCounters counters,
                       DeadLetterFile deadLetters) {
        this.reader = reader;
        this.transform = transform;
        this.versions = versions;
        this.writer = writer;
        this.targetIndex = targetIndex;
        this.throttle = throttle;
        this.counters = counters;
        this.deadLetters = deadLetters;
    }

    /** What copying a slice did: documents read, and how many of them went to the dead letters. */
    public record SliceResult(long read, long failed) {
    }

    /**
     * Copies slice {@code slice}.
     *
     * @throws DeadLetterLostException when a document failed and its dead letter could not be written
     * @throws ClusterConditionException when the writer stopped on a cluster condition
     */
    public SliceResult copy(int slice) throws InterruptedException {
        PendingWrites pending = new PendingWrites();
        long read = reader.readSlice(slice, page -> copyPage(page, pending));
        long failed = pending.awaitNone();
        return new SliceResult(read, failed);
    }

    private void copyPage(List<SourceDocument> page, PendingWrites pending) throws InterruptedException {
        throttle.acquire(page.size());
        for (SourceDocument document : page) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("backfill interrupted");
            }
            counters.read();
            ObjectNode transformed;
            long version;
            try {
                // shared: the copy is only serialized, and the source stays as read for a dead letter
                transformed = transform.applyShared(document.id(), document.source());
                version = versions.versionOf(document);
            } catch (TransformException | IllegalArgumentException e) {
                // on the reading thread: a dead letter that cannot be written ends the slice right here
                recordFailure(document.id(), "transform", e.getMessage(), sourceOf(document), pending);
                continue;
            }
            // until the write is done the source is kept for a dead letter as the engine's bytes, not as a tree:
            // a fraction of the memory, and nothing to serialize
            SourceJson source = sourceOf(document);
            String id = document.id(); // not the document: the callback below must not keep its tree reachable
            pending.add();
            writer.upsert(targetIndex, id, version, transformed)
                    .whenComplete((result, error) -> {
                        try {
                            if (error instanceof ClusterConditionException stop) {
                                // the cluster, not the document: nothing to dead-letter, the slice stays undone
                                pending.stopped(stop);
                            } else if (error != null) {
                                recordFailure(id, "write", String.valueOf(error.getMessage()), source, pending);
                            } else if (result.outcome() == WriteOutcome.REJECTED) {
                                recordFailure(id, "write", result.reason(), source, pending);
                            } else if (result.outcome() == WriteOutcome.STALE) {
                                counters.stale();
                            } else {
                                counters.written();
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

    /** Writes the dead letter, then counts it; throws when it cannot be written. */
    private void recordFailure(String id, String stage, String reason, SourceJson source, PendingWrites pending) {
        deadLetters.write(id, stage, reason, source);
        counters.failed();
        pending.failed();
    }

    /** The bytes the engine sent, or for a document the reader had only as a tree, the tree's JSON. */
    private static SourceJson sourceOf(SourceDocument document) {
        if (document.sourceJson().isPresent()) {
            return document.sourceJson().get();
        }
        try {
            return SourceJson.of(JSON.writeValueAsBytes(document.source()));
        } catch (JsonProcessingException e) {
            // a tree of JSON nodes always serializes
            throw new IllegalStateException("cannot serialize the source of " + document.id() + ": " + e.getMessage(), e);
        }
    }
}
