package io.tandem.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.tandem.cli.CommandLines;
import io.tandem.cli.SettingsDefaultProvider;
import io.tandem.main.TandemCommand;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * docker/compose.yaml runs the Tandem containers with nothing but docker/config/tandem.properties: every line of it
 * must be an option of some command, and every command the compose file runs must find all it requires in it.
 */
class DeploymentSettingsTest {

    private static final Path SETTINGS = Path.of("..", "docker", "config", "tandem.properties");

    @Test
    void everySettingOfTheDeploymentIsAnOptionOfSomeCommand() throws IOException {
        Set<String> keys = tandemKeys();
        for (String key : settings().stringPropertyNames()) {
            assertThat(keys).as("docker/config/tandem.properties: '" + key + "' is no option of any command").contains(key);
        }
    }

    @Test
    void theBenchmarksVariablesAreNeverTakenForMisspelledSettings() {
        // TANDEM_ variables of the benchmark (../shared/anchors) that are no settings
        for (String variable : List.of("BF_JAR", "BACKFILL", "BACKFILL_ARGS")) {
            assertThat(SettingsDefaultProvider.misspelled(variable, tandemKeys())).as(variable).isEmpty();
        }
    }

    private static Set<String> tandemKeys() {
        return SettingsDefaultProvider.keys(TandemCommand.command(System.out));
    }

    @ParameterizedTest
    @ValueSource(strings = {"schema apply", "run", "backfill", "cutover", "status", "verify"})
    void theCommandsOfTheDeploymentFindEverythingTheyRequire(String command) {
        String[] args = command.split(" ");
        CommandLine cli = CommandLines.create(TandemCommand.command(System.out));
        assertThatCode(() -> parse(cli, args)).doesNotThrowAnyException();
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
