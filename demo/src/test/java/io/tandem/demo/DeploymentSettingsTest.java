package io.tandem.demo;

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
        Set<String> options = new HashSet<>();
        collectOptions(new CommandLine(new IndexerCommand()), options);
        collectOptions(new CommandLine(new BackfillCommand(System.out)), options);
        for (String key : settings().stringPropertyNames()) {
            assertThat(options).as("docker/config/tandem.properties: '" + key + "' is no option of any command").contains("--" + key);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"schema apply", "run", "cutover", "status", "verify"})
    void theIndexerCommandsOfTheDeploymentFindEverythingTheyRequire(String command) {
        String[] args = command.split(" ");
        CommandLine cli = new CommandLine(new IndexerCommand());
        assertThatCode(() -> parse(cli, args)).doesNotThrowAnyException();
    }

    @Test
    void theBackfillOfTheDeploymentFindsEverythingItRequires() {
        assertThatCode(() -> parse(new CommandLine(new BackfillCommand(System.out)), new String[0])).doesNotThrowAnyException();
    }

    private static void parse(CommandLine cli, String[] args) {
        Map<String, String> environment = Map.of("TANDEM_CONFIG", SETTINGS.toString());
        cli.setDefaultValueProvider(SettingsDefaultProvider.fromArgs(args, environment));
        cli.parseArgs(args);
    }

    private static void collectOptions(CommandLine cli, Set<String> options) {
        cli.getCommandSpec().options().forEach(option -> options.addAll(List.of(option.names())));
        cli.getSubcommands().values().forEach(sub -> collectOptions(sub, options));
    }

    private static Properties settings() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(SETTINGS)) {
            properties.load(reader);
        }
        return properties;
    }
}
