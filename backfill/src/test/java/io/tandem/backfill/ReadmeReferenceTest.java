package io.tandem.backfill;

import io.tandem.cli.CommandLines;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.app.IndexerCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The README's configuration references are the commands' --help texts themselves, so they cannot drift from the code. */
class ReadmeReferenceTest {

    /** Every command of tandem-indexer, as its README marker names it: run, parity, schema-plan, ... */
    @ParameterizedTest
    @ValueSource(strings = {"run", "parity", "schema plan", "schema apply", "schema check", "schema print", "lag", "verify",
            "cutover", "rollback", "status", "redrive file",
            "redrive topic"})
    void readmeIndexerReferenceIsTheCurrentHelp(String command) throws IOException {
        CommandLine cli = CommandLines.create(new IndexerCommand());
        for (String name : command.split(" ")) {
            cli = cli.getSubcommands().get(name);
        }
        assertReadmeBlock(command.replace(' ', '-') + "-help", cli.getUsageMessage(CommandLine.Help.Ansi.OFF));
    }

    @Test
    void everyIndexerCommandHasItsReadmeReference() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        CommandLines.create(new IndexerCommand()).getSubcommands().forEach((name, sub) -> {
            if (sub.getSubcommands().isEmpty()) {
                assertThat(readme).contains("<!-- " + name + "-help:start -->");
            } else {
                sub.getSubcommands().keySet().forEach(child -> assertThat(readme).contains("<!-- " + name + "-" + child + "-help:start -->"));
            }
        });
    }

    @Test
    void readmeBackfillReferenceIsTheCurrentHelp() throws IOException {
        assertReadmeBlock("backfill-help", CommandLines.create(new BackfillCommand(System.out)).getUsageMessage(CommandLine.Help.Ansi.OFF));
    }

    private static void assertReadmeBlock(String marker, String help) throws IOException {
        String start = "<!-- " + marker + ":start -->\n```\n";
        String end = "```\n<!-- " + marker + ":end -->";
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(readme).contains(start).contains(end);
        String documented = readme.substring(readme.indexOf(start) + start.length(), readme.indexOf(end));
        assertThat(documented).as("README.md between the %s markers; replace it with:%n%s", marker, help).isEqualTo(help);
    }
}
