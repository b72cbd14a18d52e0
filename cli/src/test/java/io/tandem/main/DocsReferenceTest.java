package io.tandem.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.cli.CommandLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The reference in docs/ is the commands' --help texts themselves, so it cannot drift from the code: the text of
 * {@code tandem} and of each of its commands stands between its markers ({@code tandem-help}, {@code run-help},
 * {@code schema-plan-help}, ...) in one file of docs/.
 */
class DocsReferenceTest {

    private static final Path DOCS = Path.of("..", "docs");

    /** {@code tandem} and every command that runs something, each with the marker of its documented help. */
    static Stream<Map.Entry<String, CommandLine>> commands() {
        CommandLine tandem = CommandLines.create(TandemCommand.command(System.out));
        List<Map.Entry<String, CommandLine>> all = new ArrayList<>(List.of(Map.entry("tandem-help", tandem)));
        tandem.getSubcommands().forEach((name, command) -> {
            if (command.getSubcommands().isEmpty()) {
                all.add(Map.entry(name + "-help", command));
            } else {
                command.getSubcommands().forEach((child, sub) -> all.add(Map.entry(name + "-" + child + "-help", sub)));
            }
        });
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void theReferenceOfEveryCommandIsItsCurrentHelp(Map.Entry<String, CommandLine> command) throws IOException {
        String marker = command.getKey();
        String help = command.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF);
        String start = "<!-- " + marker + ":start -->\n```\n";
        String end = "```\n<!-- " + marker + ":end -->";
        List<Path> holding = new ArrayList<>();
        for (Path file : docs()) {
            if (Files.readString(file).contains(start)) {
                holding.add(file);
            }
        }
        assertThat(holding).as("files of docs/ with the %s markers", marker).hasSize(1);
        String text = Files.readString(holding.get(0));
        assertThat(text).contains(end);
        String documented = text.substring(text.indexOf(start) + start.length(), text.indexOf(end));
        assertThat(documented).as("%s between the %s markers; replace it with:%n%s", holding.get(0).getFileName(), marker,
                help).isEqualTo(help);
    }

    private static List<Path> docs() throws IOException {
        try (Stream<Path> files = Files.list(DOCS)) {
            return files.filter(file -> file.toString().endsWith(".md")).sorted().toList();
        }
    }
}
