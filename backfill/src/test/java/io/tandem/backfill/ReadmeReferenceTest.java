package io.tandem.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.app.IndexerCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The README's configuration references are the commands' --help texts themselves, so they cannot drift from the code. */
class ReadmeReferenceTest {

    @Test
    void readmeIndexerReferenceIsTheCurrentRunHelp() throws IOException {
        CommandLine run = new CommandLine(new IndexerCommand()).getSubcommands().get("run");
        assertReadmeBlock("run-help", run.getUsageMessage(CommandLine.Help.Ansi.OFF));
    }

    @Test
    void readmeBackfillReferenceIsTheCurrentHelp() throws IOException {
        assertReadmeBlock("backfill-help", new CommandLine(new BackfillCommand(System.out)).getUsageMessage(CommandLine.Help.Ansi.OFF));
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
