package io.tandem.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.app.RunCommandSpec;
import io.tandem.cli.EffectiveSettings;
import io.tandem.cli.SettingsDefaultProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SettingsDefaultProviderTest {

    @TempDir
    Path dir;

    private static final String[] REQUIRED = {"--target-url", "http://flag:9200", "--kafka-bootstrap", "k:9092",
            "--index", "messages", "--mapping-file", "contract.json", "--group", "g"};

    @Test
    void flagOverridesEnvironmentWhichOverridesFileWhichOverridesDefault() throws IOException {
        Path file = dir.resolve("tandem.properties");
        Files.writeString(file, "topic=from-file\ngroup=file-group\nbulk-max-docs=10\nbulk-in-flight=3\n");
        Map<String, String> environment = Map.of("TANDEM_TOPIC", "from-env", "TANDEM_BULK_MAX_DOCS", "20");
        String[] args = concat(REQUIRED, "--config", file.toString(), "--bulk-in-flight", "4");

        CommandLine cli = RunCommandSpec.parse(args, SettingsDefaultProvider.fromArgs(args, environment));

        assertThat(value(cli, "--topic")).isEqualTo("from-env");          // env beats file
        assertThat(value(cli, "--bulk-max-docs")).isEqualTo(20);          // env beats file
        assertThat(value(cli, "--bulk-in-flight")).isEqualTo(4);          // flag beats file
        assertThat(value(cli, "--group")).isEqualTo("g");                 // flag beats file
        assertThat(value(cli, "--bulk-max-bytes")).isEqualTo(5_242_880L); // nothing set: the declared default
    }

    @Test
    void configFileIsAlsoFoundThroughTheEnvironment() throws IOException {
        Path file = dir.resolve("env.properties");
        Files.writeString(file, "topic=from-file\n");
        Map<String, String> environment = Map.of("TANDEM_CONFIG", file.toString());

        CommandLine cli = RunCommandSpec.parse(REQUIRED, SettingsDefaultProvider.fromArgs(REQUIRED, environment));

        assertThat(value(cli, "--topic")).isEqualTo("from-file");
    }

    @Test
    void environmentVariableNamesFollowTheFlag() {
        CommandLine cli = RunCommandSpec.parse(concat(REQUIRED, "--topic", "t"), SettingsDefaultProvider.fromArgs(new String[0], Map.of()));
        assertThat(SettingsDefaultProvider.environmentVariable(cli.getCommandSpec().findOption("--kafka-sasl-jaas-config")))
                .isEqualTo("TANDEM_KAFKA_SASL_JAAS_CONFIG");
        assertThat(SettingsDefaultProvider.key(cli.getCommandSpec().findOption("--target-url"))).isEqualTo("target-url");
    }

    @Test
    void unreadableConfigFileIsAnErrorNamingTheFile() {
        String missing = dir.resolve("missing.properties").toString();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> SettingsDefaultProvider.fromArgs(new String[] {"--config=" + missing}, Map.of()))
                .hasMessageStartingWith("--config: cannot read " + missing + " (");
    }

    @Test
    void secretsAreMaskedInTheStartupLine() {
        String[] args = concat(REQUIRED, "--topic", "t", "--target-username", "ops", "--target-password", "hunter2",
                "--kafka-sasl-jaas-config", "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"s3cret\";",
                "--kafka-property", "ssl.keystore.password=k3y");
        CommandLine cli = RunCommandSpec.parse(args, SettingsDefaultProvider.fromArgs(args, Map.of()));

        String line = EffectiveSettings.describe(cli.getCommandSpec());

        assertThat(line).contains("--target-username=ops", "--target-password=****", "--kafka-sasl-jaas-config=****",
                "--kafka-property={ssl.keystore.password=****}").doesNotContain("hunter2", "s3cret", "k3y");
    }

    private static Object value(CommandLine cli, String option) {
        return cli.getCommandSpec().findOption(option).getValue();
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
