package io.tandem.core.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.core.source.SourceJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NDJSON dead-letter file as a sink of the copy step, and read back for a re-drive. */
class DeadLetterFileSinkTest {

    @TempDir
    Path dir;

    @Test
    void lettersAreWrittenInTheOrderRecordedAndReadBackAsWritten() throws Exception {
        Path path = dir.resolve("dl.ndjson");
        try (DeadLetterFile file = new DeadLetterFile(path)) {
            CompletableFuture<Void> first = file.record(letter("a", FailureStage.WRITE, "{\"price\":1.10}"));
            CompletableFuture<Void> second = file.record(letter("b", FailureStage.VERSION, "{\"n\":[1,{\"x\":null}]}"));
            first.get();
            second.get();
            assertThat(file.count()).isEqualTo(2);
        }

        List<DeadLetterFile.Line> lines = new ArrayList<>();
        long read = DeadLetterFile.read(path, lines::add);

        assertThat(read).isEqualTo(2);
        assertThat(lines).extracting(DeadLetterFile.Line::id, DeadLetterFile.Line::stage, DeadLetterFile.Line::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "write", "because"),
                        org.assertj.core.groups.Tuple.tuple("b", "version", "because"));
        assertThat(lines.get(0).source().toString()).as("decimals exactly as written").isEqualTo("{\"price\":1.10}");
        assertThat(lines.get(1).source().toString()).isEqualTo("{\"n\":[1,{\"x\":null}]}");
    }

    @Test
    void aLetterThatCannotBeWrittenFailsItsFuture() {
        try (DeadLetterFile file = new DeadLetterFile(Path.of("/dev/full"))) {
            CompletableFuture<Void> recorded = file.record(letter("a", FailureStage.WRITE, "{}"));

            assertThatThrownBy(recorded::get).isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("No space left on device");
        }
    }

    @Test
    void aLetterRecordedAfterCloseFailsItsFutureInsteadOfVanishing() {
        DeadLetterFile file = new DeadLetterFile(dir.resolve("closed.ndjson"));
        file.close();

        assertThat(file.record(letter("a", FailureStage.WRITE, "{}"))).isCompletedExceptionally();
    }

    @Test
    void aLineThatIsNoDeadLetterIsNamedByItsNumber() throws Exception {
        Path path = dir.resolve("bad.ndjson");
        Files.writeString(path, "{\"id\":\"1\",\"stage\":\"write\",\"reason\":\"x\",\"source\":{}}\n\n{\"id\":\"2\"}\n");

        assertThatThrownBy(() -> DeadLetterFile.read(path, line -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 3 is no dead letter");
    }

    private static DeadLetter letter(String id, FailureStage stage, String source) {
        return new DeadLetter(id, "v2", stage, "because", SourceJson.of(source.getBytes(StandardCharsets.UTF_8)),
                Origin.named("test"));
    }
}
