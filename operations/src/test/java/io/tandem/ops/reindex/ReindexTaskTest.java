package io.tandem.ops.reindex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.core.json.JsonMappers;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Answers of {@code GET /_tasks/<id>} as OpenSearch 2.19 gave them, trimmed. */
class ReindexTaskTest {

    private static JsonNode json(String text) throws IOException {
        return JsonMappers.PLAIN.readTree(text.replace('\'', '"'));
    }

    @Test
    void aRunningTaskReportsItsProgress() throws IOException {
        JsonNode task = json("{'completed':false,'task':{'status':{'total':5000,'updated':0,'created':1200,'deleted':0,"
                + "'batches':2,'version_conflicts':300,'noops':0}}}");

        assertThat(ReindexTask.completed(task)).isFalse();
        assertThat(ReindexTask.done(task)).isEqualTo(1500);
        assertThat(ReindexTask.total(task)).isEqualTo(5000);
    }

    @Test
    void aCompletedTaskGivesItsResponse() throws IOException {
        JsonNode task = json("{'completed':true,'task':{'status':{'total':5,'created':3,'version_conflicts':2}},"
                + "'response':{'took':1026,'timed_out':false,'total':5,'updated':0,'created':3,'deleted':0,'batches':3,"
                + "'version_conflicts':2,'noops':0,'failures':[]}}");

        assertThat(ReindexTask.completed(task)).isTrue();
        assertThat(ReindexTask.result(task))
                .isEqualTo(new ReindexResult(5, 3, 0, 2, 0, java.util.List.of(), Duration.ofMillis(1026)));
    }

    @Test
    void documentFailuresNameTheDocument() throws IOException {
        JsonNode task = json("{'completed':true,'response':{'took':199,'total':5,'created':3,'version_conflicts':0,"
                + "'failures':[{'index':'strict1','id':'d3','cause':{'type':'strict_dynamic_mapping_exception',"
                + "'reason':'mapping set to strict, dynamic introduction of [tags] within [_doc] is not allowed'},'status':400}]}}");

        ReindexResult result = ReindexTask.result(task);

        assertThat(result.failures()).isEqualTo(1);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.failureReasons()).containsExactly("d3: strict_dynamic_mapping_exception: mapping set to"
                + " strict, dynamic introduction of [tags] within [_doc] is not allowed");
    }

    @Test
    void aTaskThatStoppedOnAnErrorCountsItAsAFailureWithTheCountsSoFar() throws IOException {
        JsonNode task = json("{'completed':true,'task':{'running_time_in_nanos':882281632,'status':{'total':5,"
                + "'created':2,'updated':0,'version_conflicts':0}},'error':{'type':'script_exception',"
                + "'reason':'runtime error','caused_by':{'type':'illegal_argument_exception','reason':'boom'}}}");

        ReindexResult result = ReindexTask.result(task);

        assertThat(result.total()).isEqualTo(5);
        assertThat(result.created()).isEqualTo(2);
        assertThat(result.failures()).isEqualTo(1);
        assertThat(result.failureReasons())
                .containsExactly("reindex stopped: script_exception: runtime error (caused by illegal_argument_exception: boom)");
        assertThat(result.took()).isEqualTo(Duration.ofNanos(882281632));
    }

    @Test
    void searchFailuresNameTheShard() throws IOException {
        JsonNode task = json("{'completed':true,'response':{'took':5,'total':0,'failures':[{'index':'old','shard':2,"
                + "'node':'n1','reason':{'type':'node_disconnected_exception','reason':'gone'}}]}}");

        assertThat(ReindexTask.result(task).failureReasons()).containsExactly("old[2]: node_disconnected_exception: gone");
    }
}
