package io.tandem.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One command line, {@code tandem <command>}, for the consumer, the backfill and every operator command. */
class TandemCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    @Test
    void listsEveryCommandInTheOrderAMigrationUsesThem() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(printed()).startsWith("Usage: tandem [OPTIONS] [COMMAND]");
        assertThat(TandemCommand.command(System.out).subcommands().keySet()).containsExactly("run", "backfill",
                "schema", "lag", "verify", "parity", "cutover", "rollback", "status", "redrive");
    }

    @Test
    void everyCommandHasItsHelpUnderTheOneName() {
        assertThat(run(Map.of(), "backfill", "--help")).isZero();
        assertThat(printed()).startsWith("Usage: tandem backfill [OPTIONS]").contains("--slices=");
        out.reset();
        assertThat(run(Map.of(), "schema", "check", "--help")).isZero();
        assertThat(printed()).startsWith("Usage: tandem schema check [OPTIONS]");
    }

    @Test
    void anUnknownCommandIsUsageErrorInOneLine() {
        assertThat(run(Map.of(), "migrate")).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString().startsWith("tandem: Unmatched argument")
                .contains("'migrate'");
    }

    @Test
    void oneSettingsFileServesTheConsumerTheBackfillAndTheOperatorCommands() throws Exception {
        // keys only the backfill knows (slices, dead-letter-file) and only the consumer knows (group) in one file
        Path settings = dir.resolve("tandem.properties");
        Files.writeString(settings, """
                source-url=http://127.0.0.1:1
                target-url=http://127.0.0.1:1
                source-index=messages-v1
                target-index=messages-v2
                slices=4
                dead-letter-file=/tmp/dead.ndjson
                group=tandem-migration-1
                """);
        // every setting is accepted; what fails is the connection (exit 3), not the file (exit 2)
        assertThat(run(Map.of(), "verify", "--config", settings.toString())).isEqualTo(3);
        assertThat(run(Map.of(), "backfill", "--config", settings.toString(), "--dry-run")).isEqualTo(3);
    }

    @Test
    void aMisspelledKeyInTheSettingsFileIsRefusedForEveryCommand() throws Exception {
        Path settings = dir.resolve("tandem.properties");
        Files.writeString(settings, "slice=4\n");
        assertThat(run(Map.of(), "status", "--config", settings.toString())).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString()
                .isEqualTo("tandem: --config: " + settings + ": 'slice' is not a setting; did you mean 'slices'?");
    }

    @Test
    void aKeyNoCommandKnowsIsRefusedNamingTheClosestSetting() throws Exception {
        Path settings = dir.resolve("tandem.properties");
        Files.writeString(settings, "consumer-group=orders-v2\n");
        assertThat(run(Map.of(), "run", "--config", settings.toString())).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString().isEqualTo("tandem: --config: " + settings
                + ": 'consumer-group' is not a setting of any command; the closest is 'group'"
                + " (every setting: docs/reference.md)");
    }

    private int run(Map<String, String> environment, String... args) {
        return TandemCommand.execute(args, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintWriter(err, true));
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
