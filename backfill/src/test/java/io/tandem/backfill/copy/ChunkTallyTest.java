package io.tandem.backfill.copy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tandem.core.source.SliceChunks;
import io.tandem.core.source.SourceDocument;
import java.util.BitSet;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ChunkTallyTest {

    private final SliceChunks chunks = new SliceChunks(29, 10); // 0..9, 10..19, 20..

    private static SourceDocument at(long seqNo) {
        return new SourceDocument("d" + seqNo, JsonNodeFactory.instance.objectNode(), OptionalLong.empty(),
                Optional.empty(), seqNo);
    }

    private static BitSet of(int... chunks) {
        BitSet set = new BitSet();
        for (int chunk : chunks) {
            set.set(chunk);
        }
        return set;
    }

    @Test
    void aChunkFinishesWhenAsManyOfItsDocumentsSettledAsTheSnapshotHeldInItAndIsTakenOnce() {
        ChunkTally tally = new ChunkTally(chunks, chunks.all());
        tally.counted(new long[] {2, 1, 3});

        tally.settled(at(3), false);
        tally.settled(at(25), false);
        assertThat(tally.take().isEmpty()).as("no chunk has all its documents").isTrue();
        tally.settled(at(7), true);
        tally.settled(at(40), false); // written after the plan: the last chunk's

        ChunkTally.Finished finished = tally.take();
        assertThat(finished.chunks()).isEqualTo(of(0));
        assertThat(finished.documents()).isEqualTo(2);
        assertThat(finished.failed()).as("dead-lettered, settled all the same").isEqualTo(1);
        assertThat(tally.take().isEmpty()).isTrue();
        tally.settled(at(21), false);
        tally.settled(at(15), false);
        assertThat(tally.take().chunks()).isEqualTo(of(1, 2));
        assertThat(tally.takenFailed()).isEqualTo(1);
    }

    @Test
    void aChunkTheSnapshotHoldsNothingOfFinishesAtOnceAndOneNotReadNever() {
        ChunkTally tally = new ChunkTally(chunks, of(1, 2));
        tally.counted(new long[] {0, 0, 1});

        assertThat(tally.take().chunks()).as("chunk 0 is not this reading's").isEqualTo(of(1));
    }

    @Test
    void nothingFinishesBeforeTheCountsAreKnownOrForDocumentsWithoutTheirSeqNo() {
        ChunkTally tally = new ChunkTally(chunks, chunks.all());
        tally.settled(new SourceDocument("x", JsonNodeFactory.instance.objectNode(), OptionalLong.empty()), false);
        assertThat(tally.take().isEmpty()).isTrue();

        tally.counted(new long[] {1, 1, 1});
        tally.settled(new SourceDocument("y", JsonNodeFactory.instance.objectNode(), OptionalLong.empty()), false);
        assertThat(tally.take().isEmpty()).as("a document without its _seq_no counts in no chunk").isTrue();
    }
}
