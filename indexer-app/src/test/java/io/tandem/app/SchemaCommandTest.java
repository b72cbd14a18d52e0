package io.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema commands' settings: each mistake is one line naming what to fix, before anything connects. */
class SchemaCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void schemaAloneListsItsCommands() {
        assertThat(run("schema")).isZero();
        assertThat(out.toString()).contains("plan", "apply", "check", "print");
    }

    @Test
    void aMissingClusterIsAUsageError() {
        assertThat(run("schema", "plan", "--target-url", "http://localhost:9200")).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("tandem: Missing required option: '--source-url=URL'");
    }

    @Test
    void aMalformedRenameOrPatternIsOneLineNamingTheFlag() {
        assertThat(run("schema", "apply", "--source-url", "http://localhost:1", "--target-url", "http://localhost:2",
                "--rename", "messages-v1")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("tandem: --rename: expected OLD=NEW, was 'messages-v1'\n");
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertThat(run("schema", "plan", "--source-url", "http://localhost:1", "--target-url", "http://localhost:2",
                "--exclude", " ")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("tandem: --exclude: a pattern must not be blank\n");
    }

    @Test
    void anUnreadableDefinitionIsOneLineNamingTheFile() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"settings\":{}}");
        assertThat(run("schema", "plan", "--source-url", "http://localhost:1", "--target-url", "http://localhost:2",
                "--definition", "messages-v2=" + bad)).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("tandem: --definition: index definition " + bad
                + ": \"mappings\" must be an object and is missing\n");
        err.getBuffer().setLength(0);
        assertThat(run("schema", "print", "--definition", dir.resolve("none.json").toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("tandem: index definition " + dir.resolve("none.json") + ": no such file\n");
    }

    private int run(String... args) {
        return IndexerCommand.execute(args, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
    }
}
