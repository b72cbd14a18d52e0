package io.tandem.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.app.IndexerCommand;
import io.tandem.core.state.BackfillProgress;
import io.tandem.core.state.SliceCheckpoints;
import io.tandem.core.state.StateStore;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.IndexContents;
import io.tandem.localstack.junit.WithEngines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

/**
 * What the cutover's backfill check reads: a backfill records its plan under the target's name, so that "every slice
 * done" can be told from the state index knowing only the new index; a dry run records nothing. And the transform it
 * wrote with, so that a command given another one is refused.
 */
@WithEngines({Engine.ELASTICSEARCH_7, Engine.OPENSEARCH_2})
class BackfillRecordsItsPlanIT {

    @Test
    void aFinishedBackfillIsFinishedForWhoeverKnowsOnlyTheTarget(Engines engines) throws Exception {
        Migration m = Migration.seeded(engines.get(Engine.ELASTICSEARCH_7).address(),
                engines.get(Engine.OPENSEARCH_2).address(), "plan", 500, false, 11);
        String state = Engines.uniqueName("state");

        Migration.Result dryRun = Migration.run(m.args("--slices", "3", "--dry-run", "--state-index", state));
        assertThat(dryRun.exit()).as(dryRun.output()).isZero();
        try (RestClient client = RestClient.builder(HttpHost.create(m.targetUrl())).build()) {
            assertThat(SliceCheckpoints.progress(new StateStore(client, state), m.target())).isEmpty();
        }

        Migration.Result run = Migration.run(m.args("--slices", "3", "--state-index", state));
        assertThat(run.exit()).as(run.output()).isZero();
        try (RestClient client = RestClient.builder(HttpHost.create(m.targetUrl())).build()) {
            BackfillProgress progress = SliceCheckpoints.progress(new StateStore(client, state), m.target()).orElseThrow();
            assertThat(progress.finished()).isTrue();
            assertThat(progress.summary()).isEqualTo("3/3 slices done, 500 documents, " + m.source() + " -> " + m.target());
        }
    }

    @Test
    void aCommandGivenAnotherTransformThanTheBackfillWroteWithIsRefusedBeforeItWritesOrCompares(Engines engines)
            throws Exception {
        Migration m = Migration.seeded(engines.get(Engine.ELASTICSEARCH_7).address(),
                engines.get(Engine.OPENSEARCH_2).address(), "transform", 200, false, 12);
        String state = Engines.uniqueName("state");
        Migration.Result first = Migration.run(m.args("--state-index", state));
        assertThat(first.exit()).as(first.output()).isZero();
        IndexContents.send(m.targetUrl(), "DELETE", "/" + m.target() + "/_doc/msg-7?refresh=true", null);

        // the second --transform-option replaces the first: the tags looked for elsewhere
        Migration.Result other = Migration.run(m.args("--state-index", state, "--transform-option",
                "source=actions.tags"));
        assertThat(other.exit()).as(other.output()).isEqualTo(1);
        assertThat(other.output()).contains("tandem: the documents of " + m.target() + " are written with "
                + "transform tags-to-key-value {source=tags} (state key transform/" + m.target() + " in " + state
                + "), this command was given tags-to-key-value {source=actions.tags}");
        assertThat(IndexContents.readAll(m.targetUrl(), m.target())).as("nothing written").hasSize(199)
                .doesNotContainKey("msg-7");

        // a verify that forgot the transform (identity) would call every document different: refused instead
        List<String> verify = List.of("verify", "--source-url", m.sourceUrl(), "--target-url", m.targetUrl(),
                "--source-index", m.source(), "--target-index", m.target(), "--state-index", state,
                "--settle-delay", "PT0.1S");
        StringWriter err = new StringWriter();
        int forgot = IndexerCommand.execute(verify.toArray(String[]::new), Map.of(), new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));
        assertThat(forgot).isEqualTo(1);
        assertThat(err.toString()).contains("this command was given identity {}: give it the same --transform");

        List<String> same = new ArrayList<>(verify);
        same.addAll(List.of("--transform", "tags-to-key-value", "--transform-option", "source=tags"));
        StringWriter out = new StringWriter();
        int compared = IndexerCommand.execute(same.toArray(String[]::new), Map.of(), new PrintWriter(out, true),
                new PrintWriter(new StringWriter()));
        assertThat(compared).as(out.toString()).isEqualTo(1);
        assertThat(out.toString()).contains("MISSING msg-7").contains("different   0");
    }
}
