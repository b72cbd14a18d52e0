package io.tandem.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.ops.cutover.CheckResult;
import io.tandem.ops.cutover.PreconditionRules;
import io.tandem.core.state.BackfillProgress;
import io.tandem.core.state.GcDeletesWindow;
import io.tandem.core.state.MigrationRecord;
import io.tandem.core.state.SliceCheckpoints;
import io.tandem.core.state.StateStore;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.IndexContents;
import io.tandem.localstack.junit.WithEngines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A document the backfill cannot copy is written to the target, refused as stale, dead-lettered — or the run fails
 * loudly; never a fourth outcome. Slices with failures are not done until a rerun copies them without, and the
 * backfill does not write before the consumer protects deletes.
 */
@WithEngines({Engine.ELASTICSEARCH_7, Engine.OPENSEARCH_2})
class BackfillLosesNothingIT {

    static final int GOOD = 2_000;
    static final int REJECTED = 3_000;

    @TempDir
    Path dir;

    @Test
    void aDeadLetterFileInAMissingDirectoryIsRefusedBeforeAnythingIsCopied(Engines engines) throws Exception {
        Migration m = withRejectedDocuments(engines, "nodir");
        Path missing = dir.resolve("no-such-directory").resolve("dead.ndjson");

        Migration.Result run = Migration.run(m.args("--state-index", Engines.uniqueName("state"), "--progress", "NONE",
                "--dead-letter-file", missing.toString()));

        assertThat(run.exit()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("--dead-letter-file: cannot write " + missing.toAbsolutePath())
                .doesNotContain("COMPLETED");
        assertThat(count(m)).isZero();
    }

    @Test
    void aDeadLetterThatCannotBeWrittenFailsTheRunAndCheckpointsNoSliceThenARerunRecordsEveryFailure(Engines engines)
            throws Exception {
        Migration m = withRejectedDocuments(engines, "full");
        String state = Engines.uniqueName("state");

        // a full disk: opening succeeds, the first dead letter fails to reach it
        Migration.Result full = Migration.run(m.args("--state-index", state, "--progress", "NONE", "--slices", "2",
                "--dead-letter-file", "/dev/full"));

        assertThat(full.exit()).as(full.output()).isNotZero();
        assertThat(full.output()).contains("FAILED").contains("could not be dead-lettered")
                .contains("No space left on device").doesNotContain("COMPLETED");
        BackfillProgress afterFull = progress(m, state);
        assertThat(afterFull.doneSlices()).isZero();
        assertThat(afterFull.failedSlices()).isZero();

        Path deadLetters = dir.resolve("dead.ndjson");
        Migration.Result rerun = Migration.run(m.args("--state-index", state, "--progress", "NONE", "--slices", "2",
                "--dead-letter-file", deadLetters.toString()));

        assertThat(rerun.exit()).as("failed documents are not success").isEqualTo(1);
        assertThat(rerun.output()).contains("2 copied, 0 skipped").contains(String.format("%,d failed", REJECTED))
                .contains("rerun the same command");
        assertThat(Files.readAllLines(deadLetters)).hasSize(REJECTED)
                .allSatisfy(line -> assertThat(line).contains("strict_dynamic_mapping_exception"));
        assertThat(count(m)).isEqualTo(GOOD);
        BackfillProgress withFailures = progress(m, state);
        assertThat(withFailures.finished()).isFalse();
        assertThat(withFailures.failedDocuments()).isEqualTo(REJECTED);
        CheckResult gate = PreconditionRules.backfill(Optional.of(withFailures), m.target());
        assertThat(gate.failed()).isTrue();
        assertThat(gate.measured()).contains(String.format("%,d documents of 2 slices failed", REJECTED))
                .contains("rerun the backfill");
    }

    @Test
    void aSliceWithFailuresIsCopiedAgainOnceTheCauseIsFixed(Engines engines) throws Exception {
        Migration m = withRejectedDocuments(engines, "fixed");
        String state = Engines.uniqueName("state");
        Path deadLetters = dir.resolve("fixed.ndjson");
        Migration.Result first = Migration.run(m.args("--state-index", state, "--progress", "NONE", "--slices", "2",
                "--dead-letter-file", deadLetters.toString()));
        assertThat(first.exit()).as(first.output()).isEqualTo(1);

        // the cause fixed: the new mapping learns the field the old documents carry
        IndexContents.send(m.targetUrl(), "PUT", "/" + m.target() + "/_mapping",
                "{\"properties\":{\"legacy\":{\"type\":\"keyword\"}}}");
        Migration.Result second = Migration.run(m.args("--state-index", state, "--progress", "NONE", "--slices", "2",
                "--dead-letter-file", deadLetters.toString()));

        assertThat(second.exit()).as(second.output()).isZero();
        assertThat(second.output()).contains("2 copied, 0 skipped").contains("0 failed");
        assertThat(count(m)).isEqualTo(GOOD + REJECTED);
        BackfillProgress done = progress(m, state);
        assertThat(done.finished()).isTrue();
        assertThat(PreconditionRules.backfill(Optional.of(done), m.target()).failed()).isFalse();
    }

    @Test
    void aClusterThatRefusesEveryWriteFailsTheRunNamingItAndDeadLettersNothing(Engines engines) throws Exception {
        Migration seeded = Migration.seeded(engines.get(Engine.ELASTICSEARCH_7).address(),
                engines.get(Engine.OPENSEARCH_2).address(), "nowrite", GOOD, false, 23);
        // the target named by an alias over two indices and no write index: no document is at fault
        String alias = seeded.target() + "-alias";
        IndexContents.send(seeded.targetUrl(), "PUT", "/" + seeded.target() + "-b", null);
        IndexContents.send(seeded.targetUrl(), "POST", "/_aliases", "{\"actions\":[{\"add\":{\"index\":\""
                + seeded.target() + "\",\"alias\":\"" + alias + "\"}},{\"add\":{\"index\":\"" + seeded.target()
                + "-b\",\"alias\":\"" + alias + "\"}}]}");
        Migration m = new Migration(seeded.sourceUrl(), seeded.source(), seeded.targetUrl(), alias);
        String state = Engines.uniqueName("state");
        Path deadLetters = dir.resolve("nowrite.ndjson");

        Migration.Result run = Migration.run(m.args("--state-index", state, "--progress", "NONE", "--slices", "2",
                "--dead-letter-file", deadLetters.toString(), "--no-tune"));

        assertThat(run.exit()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("FAILED").contains("0 copied")
                .contains("index '" + alias + "' is an alias without a write index").contains("dead letters none");
        assertThat(Files.exists(deadLetters) ? Files.readAllLines(deadLetters) : List.of()).isEmpty();
        assertThat(progress(m, state).doneSlices()).isZero();
        assertThat(count(seeded)).isZero();
    }

    @Test
    void theBackfillRefusesToWriteBeforeTheConsumerRecordedTheMigrationAndRaisedGcDeletes(Engines engines)
            throws Exception {
        Migration m = Migration.seeded(engines.get(Engine.ELASTICSEARCH_7).address(),
                engines.get(Engine.OPENSEARCH_2).address(), "guard", 300, false, 21);
        String state = Engines.uniqueName("state");
        List<String> beside = new ArrayList<>(m.args("--state-index", state, "--progress", "NONE",
                "--dead-letter-file", dir.resolve("guard.ndjson").toString()));
        beside.remove("--standalone");

        Migration.Result unrecorded = Migration.run(beside);
        assertThat(unrecorded.exit()).isNotZero();
        assertThat(unrecorded.output()).contains("no migration into " + m.target() + " is recorded in " + state)
                .contains("tandem run --target-index " + m.target());
        assertThat(count(m)).isZero();

        try (RestClient client = RestClient.builder(HttpHost.create(m.targetUrl())).build()) {
            MigrationRecord record = new MigrationRecord("commands", 1, MigrationRecord.COMMAND_FIELD, m.target(),
                    Instant.now(), null);
            new StateStore(client, state).write(record.key(), record.toJson());
            Migration.Result defaultWindow = Migration.run(beside);
            assertThat(defaultWindow.exit()).isNotZero();
            assertThat(defaultWindow.output()).contains("index.gc_deletes of " + m.target() + " is the engine default 60s")
                    .contains("resurrect");
            assertThat(count(m)).isZero();

            new GcDeletesWindow(client).raise(m.target(), Duration.ofDays(7));
        }
        Migration.Result protectedRun = Migration.run(beside);
        assertThat(protectedRun.exit()).as(protectedRun.output()).isZero();
        assertThat(count(m)).isEqualTo(300);
    }

    /** {@value #GOOD} documents the new mapping takes and {@value #REJECTED} that carry a field it refuses. */
    static Migration withRejectedDocuments(Engines engines, String name) throws Exception {
        Migration m = Migration.seeded(engines.get(Engine.ELASTICSEARCH_7).address(),
                engines.get(Engine.OPENSEARCH_2).address(), name, GOOD, false, 17);
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < REJECTED; i++) {
            bulk.append("{\"index\":{\"_id\":\"rejected-").append(i).append("\"}}\n")
                    .append("{\"id\":\"rejected-").append(i).append("\",\"message\":\"m\",\"n\":").append(i)
                    .append(",\"legacy\":\"x\",\"tags\":{\"k\":\"v\"}}\n");
        }
        IndexContents.send(m.sourceUrl(), "POST", "/" + m.source() + "/_bulk?refresh=true", bulk.toString());
        return m;
    }

    static long count(Migration m) {
        IndexContents.send(m.targetUrl(), "POST", "/" + m.target() + "/_refresh", null);
        return IndexContents.send(m.targetUrl(), "GET", "/" + m.target() + "/_count", null).path("count").asLong();
    }

    private static BackfillProgress progress(Migration m, String state) throws Exception {
        try (RestClient client = RestClient.builder(HttpHost.create(m.targetUrl())).build()) {
            return SliceCheckpoints.progress(new StateStore(client, state), m.target()).orElseThrow();
        }
    }
}
