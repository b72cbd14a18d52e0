package io.tandem.app.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.core.copy.CopyStep;
import io.tandem.core.copy.DeadLetterFile;
import io.tandem.core.sink.VersionRule;
import io.tandem.core.sink.VersionedWrites;
import io.tandem.core.sink.WriteOutcome;
import io.tandem.core.sink.WriteRequest;
import io.tandem.core.sink.WriteResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14: a re-drive sends dead letters through the copy step; what fails again is recorded, never lost. */
class RedriveTest {

    @TempDir
    Path dir;

    @Test
    void eachDocumentEndsWrittenStaleOrInTheNewFileAndTheCountsSaySo() throws Exception {
        Path from = letters("{\"id\":\"a\",\"stage\":\"write\",\"reason\":\"x\",\"source\":{\"n\":1}}",
                "{\"id\":\"b\",\"stage\":\"write\",\"reason\":\"x\",\"source\":{\"n\":2}}",
                "{\"id\":\"c\",\"stage\":\"write\",\"reason\":\"x\",\"source\":{\"n\":3.10}}",
                "{\"id\":\"d\",\"stage\":\"transform\",\"reason\":\"x\",\"source\":\"not an object\"}");
        Path again = dir.resolve("again.ndjson");
        Writes writes = new Writes(request -> switch (request.id()) {
            case "a" -> WriteOutcome.APPLIED;
            case "b" -> WriteOutcome.STALE;
            default -> WriteOutcome.REJECTED;
        });

        RedriveReport report;
        try (DeadLetterFile deadLetters = new DeadLetterFile(again)) {
            report = new Redrive(new CopyStep((id, source) -> source.deepCopy(), writes, deadLetters, "v2"),
                    VersionRule.parse("lowest")).file(from);
        }

        assertThat(report).isEqualTo(new RedriveReport(4, 1, 1, 2, null));
        assertThat(report.succeeded()).isFalse();
        assertThat(writes.requests).extracting(WriteRequest::id, WriteRequest::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 0L), org.assertj.core.groups.Tuple.tuple("b", 0L),
                        org.assertj.core.groups.Tuple.tuple("c", 0L));
        List<String> failedAgain = Files.readAllLines(again);
        assertThat(failedAgain).hasSize(2);
        assertThat(failedAgain.get(0)).isEqualTo("{\"id\":\"c\",\"stage\":\"write\",\"reason\":\"rejected\","
                + "\"source\":{\"n\":3.10}}");
        assertThat(failedAgain.get(1)).contains("\"id\":\"d\"").contains("\"stage\":\"parse\"")
                .contains("\"source\":\"not an object\"");
    }

    @Test
    void aDeadLetterThatCannotBeWrittenStopsTheRedriveSayingWhyAndNothingAfterItIsSent() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            lines.add("{\"id\":\"" + i + "\",\"stage\":\"write\",\"reason\":\"x\",\"source\":{}}");
        }
        Path from = letters(lines.toArray(String[]::new));
        Writes writes = new Writes(request -> WriteOutcome.REJECTED);

        RedriveReport report;
        try (DeadLetterFile full = new DeadLetterFile(Path.of("/dev/full"))) {
            report = new Redrive(new CopyStep((id, source) -> source.deepCopy(), writes, full, "v2"),
                    VersionRule.parse("lowest")).file(from);
        }

        assertThat(report.succeeded()).isFalse();
        assertThat(report.failure()).contains("its dead letter could not be written to /dev/full")
                .contains("No space left on device");
        assertThat(report.render("Re-drive", Path.of("/dev/full"))).contains("FAILED").contains("stopped: ");
        assertThat(report.failedAgain()).isZero();
    }

    @Test
    void aDocumentWithoutTheVersionTheRuleNeedsFailsAgainAtTheVersionStage() throws Exception {
        Path from = letters("{\"id\":\"a\",\"stage\":\"write\",\"reason\":\"x\",\"source\":{\"v\":7}}",
                "{\"id\":\"b\",\"stage\":\"write\",\"reason\":\"x\",\"source\":{}}");
        Path again = dir.resolve("again.ndjson");
        Writes writes = new Writes(request -> WriteOutcome.APPLIED);

        RedriveReport report;
        try (DeadLetterFile deadLetters = new DeadLetterFile(again)) {
            report = new Redrive(new CopyStep((id, source) -> source.deepCopy(), writes, deadLetters, "v2"),
                    VersionRule.parse("field:v")).file(from);
        }

        assertThat(report).isEqualTo(new RedriveReport(2, 1, 0, 1, null));
        assertThat(writes.requests).extracting(WriteRequest::version).containsExactly(7L);
        assertThat(Files.readAllLines(again)).singleElement().satisfies(line ->
                assertThat(line).contains("\"id\":\"b\"").contains("\"stage\":\"version\"").contains("missing"));
    }

    private Path letters(String... lines) throws Exception {
        Path path = dir.resolve("from.ndjson");
        Files.write(path, List.of(lines));
        return path;
    }

    /** A writer answering each write at once with the outcome the test chose for it. */
    private static final class Writes implements VersionedWrites {

        final List<WriteRequest> requests = new ArrayList<>();
        private final Function<WriteRequest, WriteOutcome> outcomes;

        Writes(Function<WriteRequest, WriteOutcome> outcomes) {
            this.outcomes = outcomes;
        }

        @Override
        public synchronized <C> CompletableFuture<WriteResult<C>> write(WriteRequest request, C context) {
            requests.add(request);
            WriteOutcome outcome = outcomes.apply(request);
            return CompletableFuture.completedFuture(new WriteResult<>(context, request.id(), outcome,
                    outcome == WriteOutcome.APPLIED ? null : "rejected"));
        }

        @Override
        public void flush() {
            // every write is answered at once
        }
    }
}
