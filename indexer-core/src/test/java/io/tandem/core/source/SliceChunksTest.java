package io.tandem.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SliceChunksTest {

    @Test
    void chunksCoverEverySeqNoOnceAndTheLastHasNoUpperBound() {
        SliceChunks chunks = new SliceChunks(10, 4); // 0..3, 4..7, 8..

        assertThat(chunks.count()).isEqualTo(3);
        assertThat(chunks.filter(0).orElseThrow()).hasToString("{\"range\":{\"_seq_no\":{\"gte\":0,\"lt\":4}}}");
        assertThat(chunks.filter(1).orElseThrow()).hasToString("{\"range\":{\"_seq_no\":{\"gte\":4,\"lt\":8}}}");
        // a document written or updated after the plan gets a higher _seq_no: the last chunk reads it
        assertThat(chunks.filter(2).orElseThrow()).hasToString("{\"range\":{\"_seq_no\":{\"gte\":8}}}");
        assertThat(chunks.describe(2)).isEqualTo(", _seq_no 8.. (chunk 3 of 3)");
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
        assertThat(SliceChunks.whole().filter(0)).isEmpty();
        assertThat(SliceChunks.whole().describe(0)).isEmpty();
        assertThat(new SliceChunks(-1, 1).count()).isEqualTo(1);
        assertThat(new SliceChunks(-1, 1).filter(0)).isEmpty();
        assertThat(new SliceChunks(10, 11).filter(0)).as("one chunk from 0 is the whole slice").isEmpty();
    }

    @Test
    void aChunkOutsideThePlanIsRefused() {
        assertThatThrownBy(() -> new SliceChunks(10, 4).filter(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunk: must be between 0 and 2, was 3");
        assertThatThrownBy(() -> new SliceChunks(10, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
