package io.tandem.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.core.state.BackfillProgress;
import io.tandem.core.state.SliceCheckpoints;
import io.tandem.core.state.StateStore;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.WithEngines;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

/**
 * What the cutover's backfill check reads: a backfill records its plan under the target's name, so that "every slice
 * done" can be told from the state index knowing only the new index; a dry run records nothing.
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
}
