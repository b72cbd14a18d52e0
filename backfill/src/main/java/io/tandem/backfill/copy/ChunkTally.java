package io.tandem.backfill.copy;

import io.tandem.core.source.SliceChunks;
import io.tandem.core.source.SourceDocument;
import java.util.BitSet;

/**
 * One reading of a slice's chunks, counted: how many documents each chunk holds in the reading's snapshot (from its
 * first answer, {@link SliceChunks#counts}) against how many of them were copied and settled (written, stale or
 * dead-lettered). A chunk whose documents have all settled is finished: every document the snapshot held in it was
 * read, since a scroll hands each document once, so a rerun need not read it again. A document written after the
 * snapshot is not the backfill's (the consumer copies it); one deleted or updated since is copied at its snapshot
 * state, which the versioned writes make harmless. Thread-safe: copies settle on the writer's threads.
 */
final class ChunkTally {

    private final SliceChunks chunks;
    private final BitSet remaining;
    private final long[] settled;
    private final long[] failed;
    /** Documents per chunk in the snapshot; null until told (never, for a slice of one chunk). */
    private long[] expected;
    private final BitSet finished = new BitSet();
    private long takenFailed;

    /** @param remaining the chunks this reading reads */
    ChunkTally(SliceChunks chunks, BitSet remaining) {
        this.chunks = chunks;
        this.remaining = (BitSet) remaining.clone();
        this.settled = new long[chunks.count()];
        this.failed = new long[chunks.count()];
    }

    /** The documents each chunk holds in the reading's snapshot; told before any of them is copied. */
    synchronized void counted(long[] documents) {
        expected = documents.clone();
        for (int chunk = remaining.nextSetBit(0); chunk >= 0; chunk = remaining.nextSetBit(chunk + 1)) {
            check(chunk); // a chunk left empty (its documents deleted since the plan) is finished at once
        }
    }

    /**
     * A copy of {@code document} settled; {@code deadLettered} when it went to the dead letters. A document without
     * its {@code _seq_no} counts in no chunk, so its chunk never finishes before the reading does.
     */
    synchronized void settled(SourceDocument document, boolean deadLettered) {
        if (document.seqNo() == SourceDocument.NO_SEQ_NO) {
            return;
        }
        int chunk = chunks.chunkOf(document.seqNo());
        settled[chunk]++;
        if (deadLettered) {
            failed[chunk]++;
        }
        check(chunk);
    }

    private void check(int chunk) {
        if (expected != null && remaining.get(chunk) && settled[chunk] == expected[chunk]) {
            finished.set(chunk);
            remaining.clear(chunk);
        }
    }

    /** Chunks finished since the last call, with their documents and how many of those were dead-lettered. */
    synchronized Finished take() {
        BitSet chunksTaken = (BitSet) finished.clone();
        long documents = 0;
        long dead = 0;
        for (int chunk = finished.nextSetBit(0); chunk >= 0; chunk = finished.nextSetBit(chunk + 1)) {
            documents += expected[chunk];
            dead += failed[chunk];
        }
        finished.clear();
        takenFailed += dead;
        return new Finished(chunksTaken, documents, dead);
    }

    /** Dead letters in the chunks taken so far by {@link #take}. */
    synchronized long takenFailed() {
        return takenFailed;
    }

    /** Chunks finished together, their documents, and how many of those went to the dead letters. */
    record Finished(BitSet chunks, long documents, long failed) {

        boolean isEmpty() {
            return chunks.isEmpty();
        }
    }
}
