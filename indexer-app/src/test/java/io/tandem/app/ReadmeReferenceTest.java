package io.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The README's configuration reference is the `run --help` text itself, so it cannot drift from the code. */
class ReadmeReferenceTest {

    private static final String START = "<!-- run-help:start -->\n```\n";
    private static final String END = "```\n<!-- run-help:end -->";

    @Test
    void readmeConfigurationReferenceIsTheCurrentRunHelp() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String help = new CommandLine(new RunCommand()).setCommandName("tandem-indexer run")
                .getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertThat(readme).contains(START).contains(END);
        String documented = readme.substring(readme.indexOf(START) + START.length(), readme.indexOf(END));
        assertThat(documented).as("README.md between the run-help markers; replace it with:%n%s", help).isEqualTo(help);
    }
}
