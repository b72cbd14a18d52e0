package io.tandem.backfill;

import io.tandem.cli.CommandLines;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.app.IndexerCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The reference in docs/ is the commands' --help texts themselves, so it cannot drift from the code: each text stands
 * between its markers in one file of docs/.
 */
class DocsReferenceTest {

    private static final Path DOCS = Path.of("..", "docs");

    /** Every command of tandem-indexer, as its marker names it: run, parity, schema-plan, ... */
    @ParameterizedTest
    @ValueSource(strings = {"run", "parity", "schema plan", "schema apply", "schema check", "schema print", "lag", "verify",
            "cutover", "rollback", "status", "redrive file",
            "redrive topic"})
    void theIndexerReferenceIsTheCurrentHelp(String command) throws IOException {
        CommandLine cli = CommandLines.create(new IndexerCommand());
        for (String name : command.split(" ")) {
            cli = cli.getSubcommands().get(name);
        }
        assertDocumentedBlock(command.replace(' ', '-') + "-help", cli.getUsageMessage(CommandLine.Help.Ansi.OFF));
    }

    @Test
    void everyIndexerCommandHasItsReference() throws IOException {
        String docs = allDocs();
        CommandLines.create(new IndexerCommand()).getSubcommands().forEach((name, sub) -> {
            if (sub.getSubcommands().isEmpty()) {
                assertThat(docs).contains("<!-- " + name + "-help:start -->");
            } else {
                sub.getSubcommands().keySet().forEach(child -> assertThat(docs).contains("<!-- " + name + "-" + child + "-help:start -->"));
            }
        });
    }

    @Test
    void theBackfillReferenceIsTheCurrentHelp() throws IOException {
        assertDocumentedBlock("backfill-help", CommandLines.create(new BackfillCommand(System.out)).getUsageMessage(CommandLine.Help.Ansi.OFF));
    }

    private static void assertDocumentedBlock(String marker, String help) throws IOException {
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

    private static String allDocs() throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path file : docs()) {
            all.append(Files.readString(file));
        }
        return all.toString();
    }
}
