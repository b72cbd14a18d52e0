package io.tandem.demo;

import io.tandem.cli.CommandLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.tandem.app.IndexerCommand;
import io.tandem.backfill.BackfillCommand;
import io.tandem.cli.SettingsDefaultProvider;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * docker/compose.yaml runs the Tandem containers with nothing but docker/config/tandem.properties: every line of it
 * must be an option of some command, and every command the compose file runs must find all it requires in it.
 */
class DeploymentSettingsTest {

    private static final Path SETTINGS = Path.of("..", "docker", "config", "tandem.properties");

    @Test
    void everySettingOfTheDeploymentIsAnOptionOfSomeCommand() throws IOException {
        Set<String> keys = new HashSet<>(indexerKeys());
        keys.addAll(backfillKeys());
        for (String key : settings().stringPropertyNames()) {
            assertThat(keys).as("docker/config/tandem.properties: '" + key + "' is no option of any command").contains(key);
        }
    }

    @Test
    void oneToolsSettingsAndOurScriptsVariablesAreNeverTakenForMisspellingsOfTheOthers() {
        Set<String> indexer = indexerKeys();
        Set<String> backfill = backfillKeys();
        // one settings file and one environment serve both tools: what only one knows must not look misspelled to the other
        for (String key : backfill) {
            if (!indexer.contains(key)) {
                assertThat(SettingsDefaultProvider.misspelled(key, indexer)).as("backfill's %s", key).isEmpty();
            }
        }
        for (String key : indexer) {
            if (!backfill.contains(key)) {
                assertThat(SettingsDefaultProvider.misspelled(key, backfill)).as("indexer's %s", key).isEmpty();
            }
        }
        // TANDEM_ variables of the benchmark (../shared/anchors) that are no settings
        for (String variable : List.of("BF_JAR", "BACKFILL_ARGS")) {
            assertThat(SettingsDefaultProvider.misspelled(variable, indexer)).as(variable).isEmpty();
            assertThat(SettingsDefaultProvider.misspelled(variable, backfill)).as(variable).isEmpty();
        }
    }

    private static Set<String> indexerKeys() {
        return SettingsDefaultProvider.keys(CommandLines.create(new IndexerCommand()).getCommandSpec());
    }

    private static Set<String> backfillKeys() {
        return SettingsDefaultProvider.keys(CommandLines.create(new BackfillCommand(System.out)).getCommandSpec());
    }

    @ParameterizedTest
    @ValueSource(strings = {"schema apply", "run", "cutover", "status", "verify"})
    void theIndexerCommandsOfTheDeploymentFindEverythingTheyRequire(String command) {
        String[] args = command.split(" ");
        CommandLine cli = CommandLines.create(new IndexerCommand());
        assertThatCode(() -> parse(cli, args)).doesNotThrowAnyException();
    }

    @Test
    void theBackfillOfTheDeploymentFindsEverythingItRequires() {
        assertThatCode(() -> parse(CommandLines.create(new BackfillCommand(System.out)), new String[0])).doesNotThrowAnyException();
    }

    private static void parse(CommandLine cli, String[] args) {
        Map<String, String> environment = Map.of("TANDEM_CONFIG", SETTINGS.toString());
        cli.setDefaultValueProvider(SettingsDefaultProvider.fromArgs(args, environment));
        cli.parseArgs(args);
    }

    private static Properties settings() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(SETTINGS)) {
            properties.load(reader);
        }
        return properties;
    }
}
