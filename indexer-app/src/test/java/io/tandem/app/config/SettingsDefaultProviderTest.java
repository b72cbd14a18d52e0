package io.tandem.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.app.RunCommandSpec;
import io.tandem.cli.EffectiveSettings;
import io.tandem.cli.SettingsDefaultProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void aRepeatableOptionTakesOneFileKeyPerEntryAndOneEnvironmentLinePerEntry() throws IOException {
        Path file = dir.resolve("repeat.properties");
        Files.writeString(file, "topic=t\ntransform-option.source=actions.tags\ntransform-option.target=tags\n"
                + "kafka-property.ssl.enabled.protocols=TLSv1.2,TLSv1.3\nkafka-property=session.timeout.ms=6000\n");
        String[] args = concat(REQUIRED, "--config", file.toString());

        CommandLine fromFile = RunCommandSpec.parse(args, SettingsDefaultProvider.fromArgs(args, Map.of()));
        assertThat(value(fromFile, "--transform-option")).isEqualTo(Map.of("source", "actions.tags", "target", "tags"));
        // a comma inside a value stays in it
        assertThat(value(fromFile, "--kafka-property")).isEqualTo(
                Map.of("ssl.enabled.protocols", "TLSv1.2,TLSv1.3", "session.timeout.ms", "6000"));

        Map<String, String> environment = Map.of("TANDEM_TRANSFORM_OPTION", "source=payload.tags\n  target=labels\n\n");
        CommandLine fromEnvironment = RunCommandSpec.parse(args, SettingsDefaultProvider.fromArgs(args, environment));
        assertThat(value(fromEnvironment, "--transform-option")).isEqualTo(Map.of("source", "payload.tags", "target", "labels"));

        String[] flagged = concat(args, "--transform-option", "source=x");
        CommandLine fromFlag = RunCommandSpec.parse(flagged, SettingsDefaultProvider.fromArgs(flagged, environment));
        assertThat(value(fromFlag, "--transform-option")).isEqualTo(Map.of("source", "x")); // flags replace the rest
    }

    @Test
    void aMisspelledKeyInTheFileIsRefusedNamingTheSettingItIsCloseTo() throws IOException {
        Path file = dir.resolve("typo.properties");
        Files.writeString(file, "target-url=http://x:9200\ngrup=tandem-migration-1\nmax_lag_time=PT5S\n");

        Outcome outcome = indexer(new String[] {"lag", "--config", file.toString()}, Map.of());

        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err()).isEqualTo("tandem: --config: " + file + ": 'grup' is not a setting; did you mean 'group'?\n");
    }

    @Test
    void aMisspelledEnvironmentVariableDrawsAWarningWithoutItsValue() {
        Outcome outcome = indexer(new String[] {"lag", "--help"}, Map.of("TANDEM_TARGET_PASWORD", "hunter2",
                "TANDEM_ENGINES", "testcontainers"));

        assertThat(outcome.exit()).isZero();
        assertThat(outcome.err()).isEqualTo("tandem: environment variable TANDEM_TARGET_PASWORD is not a setting "
                + "(ignored); did you mean TANDEM_TARGET_PASSWORD?\n").doesNotContain("hunter2");
    }

    @Test
    void aKeyFarFromEverySettingIsLeftForTheOtherToolAndAMapEntryIsNoMisspelling() throws IOException {
        Path file = dir.resolve("shared.properties");
        // a key of the backfill only, entries of repeatable options
        Files.writeString(file, "standalone=true\nkafka-property.client.rack=eu-1a\ntransform-option.source=tags\n");

        assertThat(SettingsDefaultProvider.misspelled("standalone", List.of("group", "topic", "target-url"))).isEmpty();
        Outcome outcome = indexer(new String[] {"lag", "--config", file.toString(), "--help"}, Map.of("TANDEM_JAVA_OPTS", "-Xmx1g"));
        assertThat(outcome.err()).isEmpty();
        assertThat(outcome.exit()).isZero();
    }

    @Test
    void aRepeatableOptionsHelpShowsItsEntryAsBefore() {
        Outcome help = indexer(new String[] {"run", "--help"}, Map.of());
        assertThat(help.out()).contains("--kafka-property=KEY=VALUE", "--transform-option=KEY=VALUE").doesNotContain("x1F");
    }

    private record Outcome(int exit, String out, String err) {
    }

    private static Outcome indexer(String[] args, Map<String, String> environment) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int exit = io.tandem.app.IndexerCommand.execute(args, environment, new java.io.PrintWriter(out, true),
                new java.io.PrintWriter(err, true));
        return new Outcome(exit, out.toString(), err.toString().replace(System.lineSeparator(), "\n"));
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
