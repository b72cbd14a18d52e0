package io.tandem.app;

import io.tandem.cli.CommandLines;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.cli.SecretNames;
import io.tandem.cli.SettingsDefaultProvider;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Issue 14: --help shows an option's default, and the default may come from the environment; no command's help
 * shows a secret set there.
 */
class SecretsInHelpTest {

    @Test
    void helpOfEveryCommandNeverShowsASecretFromTheEnvironment() {
        CommandLine root = CommandLines.create(new IndexerCommand());
        Map<String, String> environment = new HashMap<>();
        every(root, cli -> cli.getCommandSpec().options().stream().filter(o -> SecretNames.isSecret(o.longestName()))
                .forEach(o -> environment.put(SettingsDefaultProvider.environmentVariable(o), "env-s3cret-" + o.longestName())));
        assertThat(environment).containsKeys("TANDEM_TARGET_PASSWORD", "TANDEM_SOURCE_API_KEY_FILE",
                "TANDEM_KAFKA_SASL_JAAS_CONFIG");

        root.setDefaultValueProvider(SettingsDefaultProvider.fromArgs(new String[0], environment));
        every(root, cli -> assertThat(cli.getUsageMessage(CommandLine.Help.Ansi.OFF))
                .as(cli.getCommandName()).doesNotContain("s3cret"));
    }

    private static void every(CommandLine cli, java.util.function.Consumer<CommandLine> action) {
        action.accept(cli);
        cli.getSubcommands().values().forEach(sub -> every(sub, action));
    }
}
