package io.tandem.backfill;

import static io.tandem.backfill.BackfillLosesNothingIT.GOOD;
import static io.tandem.backfill.BackfillLosesNothingIT.REJECTED;
import static io.tandem.backfill.BackfillLosesNothingIT.count;
import static io.tandem.backfill.BackfillLosesNothingIT.withRejectedDocuments;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.app.IndexerCommand;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.IndexContents;
import io.tandem.localstack.junit.WithEngines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: the backfill's dead letters, re-driven through the same copy path once the cause is fixed, land in the
 * target; while the cause is not fixed they fail again into a new dead-letter file, which can be re-driven in turn.
 */
@WithEngines({Engine.ELASTICSEARCH_7, Engine.OPENSEARCH_2})
class RedriveIT {

    @TempDir
    Path dir;

    @Test
    void deadLettersOfTheBackfillLandOnceTheMappingIsFixedAndFailAgainIntoANewFileBefore(Engines engines)
            throws Exception {
        Migration m = withRejectedDocuments(engines, "redrive");
        Path backfillLetters = dir.resolve("backfill.ndjson");
        Migration.Result backfill = Migration.run(m.args("--state-index", Engines.uniqueName("state"), "--progress",
                "NONE", "--slices", "2", "--dead-letter-file", backfillLetters.toString()));
        assertThat(backfill.exit()).as(backfill.output()).isEqualTo(1);
        assertThat(Files.readAllLines(backfillLetters)).hasSize(REJECTED);

        // the cause not fixed yet: every document fails again, into the new file, and nothing else changes
        Path again = dir.resolve("again.ndjson");
        Run unfixed = redrive(m, backfillLetters, again);
        assertThat(unfixed.exit()).as(unfixed.output()).isEqualTo(1);
        assertThat(unfixed.output()).contains("FAILED").contains(String.format("%,d read, 0 written, 0 stale, %,d failed again",
                REJECTED, REJECTED)).contains(again.toString());
        assertThat(Files.readAllLines(again)).hasSize(REJECTED)
                .allSatisfy(line -> assertThat(line).contains("\"stage\":\"write\"").contains("strict_dynamic_mapping_exception"));
        assertThat(count(m)).isEqualTo(GOOD);

        // the cause fixed: the new mapping learns the field the old documents carry
        IndexContents.send(m.targetUrl(), "PUT", "/" + m.target() + "/_mapping",
                "{\"properties\":{\"legacy\":{\"type\":\"keyword\"}}}");
        Path none = dir.resolve("none.ndjson");
        Run fixed = redrive(m, again, none);

        assertThat(fixed.exit()).as(fixed.output()).isZero();
        assertThat(fixed.output()).contains("COMPLETED")
                .contains(String.format("%,d read, %,d written, 0 stale, 0 failed again", REJECTED, REJECTED))
                .contains("dead letters none");
        assertThat(none).doesNotExist();
        assertThat(count(m)).isEqualTo(GOOD + REJECTED);
        // transformed as the backfill transforms: the tags map became key/value pairs
        assertThat(IndexContents.send(m.targetUrl(), "GET", "/" + m.target() + "/_doc/rejected-7", null)
                .path("_source").path("tags").path(0).path("keyToValue").asText()).isEqualTo("k:v");
    }

    @Test
    void aRedriveRefusesToAppendToTheFileItReads(Engines engines) throws Exception {
        Path letters = dir.resolve("same.ndjson");
        Files.writeString(letters, "{\"id\":\"1\",\"stage\":\"write\",\"reason\":\"x\",\"source\":{}}\n");
        Migration m = new Migration(null, null, engines.get(Engine.OPENSEARCH_2).address(), Engines.uniqueName("same"));

        Run run = redrive(m, letters, letters);

        assertThat(run.exit()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("--dead-letter-file: must differ from --from-file");
        assertThat(Files.readAllLines(letters)).hasSize(1);
    }

    private record Run(int exit, String output) {
    }

    private static Run redrive(Migration m, Path from, Path deadLetters) {
        List<String> args = new ArrayList<>(List.of("redrive", "file", "--target-url", m.targetUrl(), "--index",
                m.target(), "--from-file", from.toString(), "--dead-letter-file", deadLetters.toString(), "--transform",
                "tags-to-key-value", "--transform-option", "source=tags"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = IndexerCommand.execute(args.toArray(String[]::new), Map.of(), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Run(exit, out + err.toString());
    }
}
