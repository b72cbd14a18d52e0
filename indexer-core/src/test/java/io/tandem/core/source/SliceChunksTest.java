package io.tandem.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.core.json.JsonMappers;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class SliceChunksTest {

    private static BitSet chunks(int... chunks) {
        BitSet set = new BitSet();
        for (int chunk : chunks) {
            set.set(chunk);
        }
        return set;
    }

    @Test
    void aFirstReadingOfEveryChunkIsThePlainScrollWithoutFilter() {
        SliceChunks chunks = new SliceChunks(10, 4); // 0..3, 4..7, 8..

        assertThat(chunks.count()).isEqualTo(3);
        assertThat(chunks.filter(chunks.all())).isEmpty();
        assertThat(chunks.describe(chunks.all())).isEmpty();
    }

    @Test
    void aResumedReadingIsFilteredToARangePerRunOfChunksLeftAndTheLastHasNoUpperBound() {
        SliceChunks chunks = new SliceChunks(20, 4); // 0..3, 4..7, 8..11, 12..15, 16..19, 20..

        assertThat(chunks.filter(chunks(1, 2, 4)).orElseThrow()).hasToString("{\"bool\":{\"should\":["
                + "{\"range\":{\"_seq_no\":{\"gte\":4,\"lt\":12}}},{\"range\":{\"_seq_no\":{\"gte\":16,\"lt\":20}}}]}}");
        // a document written or updated after the plan gets a higher _seq_no: the last chunk reads it
        assertThat(chunks.filter(chunks(5)).orElseThrow())
                .hasToString("{\"bool\":{\"should\":[{\"range\":{\"_seq_no\":{\"gte\":20}}}]}}");
        assertThat(chunks.describe(chunks(1, 2, 4))).isEqualTo(", _seq_no 4.. (3 of 6 chunks left)");
    }

    @Test
    void aDocumentBelongsToTheChunkOfItsSeqNoAndEveryLaterOneToTheLast() {
        SliceChunks chunks = new SliceChunks(10, 4);

        assertThat(chunks.chunkOf(0)).isZero();
        assertThat(chunks.chunkOf(7)).isEqualTo(1);
        assertThat(chunks.chunkOf(8)).isEqualTo(2);
        assertThat(chunks.chunkOf(5_000_000_000L)).as("written after the plan").isEqualTo(2);
        assertThat(SliceChunks.whole().chunkOf(123)).isZero();
    }

    @Test
    void eachChunksDocumentsAreReadFromTheHistogramOfTheFirstAnswer() throws Exception {
        SliceChunks chunks = new SliceChunks(10, 4);
        assertThat(chunks.aggregation().orElseThrow()).hasToString("{\"tandem_chunks\":{\"histogram\":"
                + "{\"field\":\"_seq_no\",\"interval\":4,\"min_doc_count\":1}}}");

        // buckets of empty chunks are left out; the last chunk sums every bucket from its start on
        long[] counts = chunks.counts(JsonMappers.PLAIN.readTree("{\"tandem_chunks\":{\"buckets\":["
                + "{\"key\":0.0,\"doc_count\":4},{\"key\":8.0,\"doc_count\":3},{\"key\":12.0,\"doc_count\":2}]}}"));

        assertThat(counts).containsExactly(4, 0, 5);
        assertThat(SliceChunks.whole().aggregation()).isEmpty();
        assertThatThrownBy(() -> chunks.counts(JsonMappers.PLAIN.readTree("{}")))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("the engine answered without the "
                        + "aggregation tandem_chunks counting the documents of each _seq_no range");
    }

    @Test
    void aFilterOfMoreRunsThanAQueryMayHoldReadsTheShortestFinishedGapsAgain() {
        BitSet remaining = new BitSet();
        // 600 runs of one chunk each, the gaps between them 1 finished chunk, except every tenth gap of 5
        int at = 0;
        for (int run = 0; run < 600; run++) {
            remaining.set(at);
            at += run % 10 == 9 ? 6 : 2;
        }

        BitSet read = SliceChunks.withinRanges(remaining);

        int runs = 0;
        for (int from = read.nextSetBit(0); from >= 0; from = read.nextSetBit(read.nextClearBit(from))) {
            runs++;
        }
        assertThat(runs).isEqualTo(SliceChunks.MAX_RANGES);
        BitSet lost = (BitSet) remaining.clone();
        lost.andNot(read);
        assertThat(lost.isEmpty()).as("every chunk left is still read").isTrue();
        assertThat(read.cardinality() - remaining.cardinality()).as("only gaps of one chunk filled").isEqualTo(100);
    }

    @Test
    void aSeqNoPastAWholeWidthStartsAChunkOfItsOwn() {
        assertThat(new SliceChunks(7, 4).count()).isEqualTo(2);
        assertThat(new SliceChunks(8, 4).count()).isEqualTo(3);
        assertThat(new SliceChunks(Long.MAX_VALUE / 2, Long.MAX_VALUE / 4).count()).isEqualTo(3);
    }

    @Test
    void aWholeSliceAnEmptyIndexOrAShardSmallerThanAChunkIsOneChunkWithoutFilter() {
        assertThat(SliceChunks.whole().count()).isEqualTo(1);
        assertThat(SliceChunks.whole().filter(SliceChunks.whole().all())).isEmpty();
        assertThat(SliceChunks.whole().describe(SliceChunks.whole().all())).isEmpty();
        assertThat(new SliceChunks(-1, 1).count()).isEqualTo(1);
        assertThat(new SliceChunks(10, 11).filter(chunks(0))).as("one chunk from 0 is the whole slice").isEmpty();
    }

    @Test
    void chunksOutsideThePlanOrNoneAtAllAreRefused() {
        assertThatThrownBy(() -> new SliceChunks(10, 4).filter(chunks(3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("remaining: must be chunks between 0 and 2, was {3}");
        assertThatThrownBy(() -> new SliceChunks(10, 4).filter(new BitSet()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SliceChunks(10, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
