package io.tandem.app.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.app.IndexerCommand;
import io.tandem.cli.CommandLines;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings and input the parity command refuses before it connects to anything. */
class ParityCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void missingSettingsAreOneLineNamingThemWithExitTwo() {
        int exit = run("parity", "--source-url", "http://localhost:1");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("tandem: Missing required options")
                .contains("--target-url", "--source-index", "--target-index", "--queries"));
    }

    @Test
    void aBadQueryFileIsOneLineNamingTheFileAndEntry() throws IOException {
        Path file = Files.writeString(dir.resolve("queries.json"), "[{\"name\": \"a\", \"body\": {}, \"order\": \"SORTED\"}]");
        int exit = run(args(file));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().isEqualTo("tandem: " + file
                + ": entry 1 (a): 'order' must be ORDERED or UNORDERED, got \"SORTED\"");
    }

    @Test
    void aTransformWithoutItsOptionsIsRefused() throws IOException {
        int exit = run(args(queries(), "--transform", "tags-to-key-value"));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement()
                .isEqualTo("tandem: tags-to-key-value: option 'source' is required");
    }

    @Test
    void noTimedRunIsRefusedNamingTheFlag() throws IOException {
        int exit = run(args(queries(), "--runs", "0"));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement()
                .isEqualTo("tandem: --runs: must be at least 1, was 0");
    }

    @Test
    void helpDescribesTheCommandAndEveryOption() {
        int exit = run("parity", "--help");
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("Usage: tandem parity", "parity/<target-index>", "--queries=FILE",
                "--runs", "--warmup-runs", "--recheck-after", "--json", "--transform-option", "--state-index");
    }

    private Path queries() throws IOException {
        return Files.writeString(dir.resolve("ok.json"), "{\"name\": \"all\", \"body\": {\"query\": {\"match_all\": {}}}}");
    }

    private static String[] args(Path queries, String... extra) {
        List<String> args = new ArrayList<>(List.of("parity", "--source-url", "http://localhost:1", "--target-url",
                "http://localhost:2", "--source-index", "old", "--target-index", "new", "--queries", queries.toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private int run(String... args) {
        return CommandLines.execute(new IndexerCommand(), args, Map.of(), new PrintWriter(out, true),
                new PrintWriter(err, true));
    }
}
