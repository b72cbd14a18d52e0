package io.tandem.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tandem.core.source.SliceChunks;
import io.tandem.localstack.RestFixture;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.WithEngines;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

@WithEngines(Engine.OPENSEARCH_2)
class SliceCheckpointsIT {

    @Test
    void progressFollowsTheLatestPlanOfTheTargetAndItsCheckpoints(Engines engines) throws Exception {
        try (RestFixture rest = RestFixture.on(engines.get(Engine.OPENSEARCH_2))) {
            StateStore state = new StateStore(rest.client(), Engines.uniqueName("state"));
            assertThat(SliceCheckpoints.progress(state, "new")).isEmpty();

            SliceCheckpoints three = new SliceCheckpoints(state, "old", "new", 3);
            three.recordPlan();
            three.markDone(0, 10, 0);
            three.markDone(2, 12, 0);
            BackfillProgress partial = SliceCheckpoints.progress(state, "new").orElseThrow();
            assertThat(partial.summary()).isEqualTo("2/3 slices done, 22 documents, old -> new");
            assertThat(partial.finished()).isFalse();
            assertThat(partial.lastFinished()).isPresent();

            // a rerun with another slicing starts over: the old checkpoints no longer count
            SliceCheckpoints two = new SliceCheckpoints(state, "old", "new", 2);
            two.recordPlan();
            assertThat(SliceCheckpoints.progress(state, "new").orElseThrow().summary())
                    .isEqualTo("0/2 slices done, 0 documents, old -> new");
            two.markDone(0, 15, 0);
            two.markDone(1, 17, 2);
            // a slice that left dead letters is neither done nor skipped by the next run
            BackfillProgress withFailures = SliceCheckpoints.progress(state, "new").orElseThrow();
            assertThat(withFailures.finished()).isFalse();
            assertThat(withFailures.failedSlices()).isEqualTo(1);
            assertThat(withFailures.failedDocuments()).isEqualTo(2);
            assertThat(two.isDone(1)).isFalse();
            two.markDone(1, 17, 0);
            assertThat(two.isDone(1)).isTrue();
            assertThat(SliceCheckpoints.progress(state, "new").orElseThrow().finished()).isTrue();
            assertThat(SliceCheckpoints.progress(state, "other")).isEmpty();
        }
    }

    @Test
    void aPositionKeepsTheChunksDoneInAnyOrderAndARecordOfTheFormerFormatResumesAfterItsNextChunk(Engines engines)
            throws Exception {
        try (RestFixture rest = RestFixture.on(engines.get(Engine.OPENSEARCH_2))) {
            StateStore state = new StateStore(rest.client(), Engines.uniqueName("state"));
            SliceCheckpoints checkpoints = new SliceCheckpoints(state, "old", "new", 2);
            SliceChunks chunks = new SliceChunks(99, 10);
            BitSet done = new BitSet();
            done.set(0, 2);
            done.set(4);
            done.set(6, 9);

            checkpoints.markPosition(1, new SliceCheckpoints.Position(chunks, done, 600, 3));

            SliceCheckpoints.Position position = checkpoints.position(1).orElseThrow();
            assertThat(position.done()).isEqualTo(done);
            assertThat(position.remaining()).hasToString("{2, 3, 5, 9}");
            assertThat(position.chunks()).isEqualTo(chunks);
            assertThat(position.documents()).isEqualTo(600);
            assertThat(position.failed()).isEqualTo(3);
            assertThat(position.resumed()).isTrue();
            assertThat(checkpoints.position(0)).isEmpty();

            // written before chunks could finish out of order: every chunk before nextChunk is done
            state.writeFrequent("backfill/old->new/2-slices/0", JsonNodeFactory.instance.objectNode().put("done", false)
                    .put("maxSeqNo", 99).put("chunkWidth", 10).put("nextChunk", 3).put("documents", 300));
            assertThat(checkpoints.position(0).orElseThrow().remaining()).hasToString("{3, 4, 5, 6, 7, 8, 9}");
        }
    }
}
