package io.tandem.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.cli.EffectiveSettings;
import io.tandem.cli.SettingsDefaultProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Issue 14: secret Kafka client properties from a file (--kafka-properties-file), e.g. a mounted secret. */
class KafkaPropertiesFileTest {

    @TempDir
    Path dir;

    @Command(name = "kafka")
    static final class WithKafka {
        @Mixin
        KafkaOptions kafka;
    }

    @Test
    void kafkaPropertiesFileAddsItsPropertiesToTheConnection() throws IOException {
        Path file = write("sasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=x required password=\"jaas-s3cret\";\n");

        Map<Object, Object> properties = parse(Map.of(), "--kafka-properties-file", file.toString())
                .kafka.connectionProperties();

        assertThat(properties).containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "x required password=\"jaas-s3cret\";")
                .containsEntry("bootstrap.servers", "k:9092");
    }

    @Test
    void kafkaPropertyGivenExplicitlyWinsOverTheFile() throws IOException {
        Path file = write("session.timeout.ms=6000\nssl.key.password=file-s3cret\n");

        Map<Object, Object> properties = parse(Map.of(), "--kafka-properties-file", file.toString(),
                "--kafka-property", "session.timeout.ms=9000").kafka.connectionProperties();

        assertThat(properties).containsEntry("session.timeout.ms", "9000").containsEntry("ssl.key.password", "file-s3cret");
    }

    @Test
    void kafkaPropertiesFileWinsOverTheDedicatedFlagsLikeAKafkaProperty() throws IOException {
        Path file = write("security.protocol=SASL_SSL\n");

        Map<Object, Object> properties = parse(Map.of(), "--kafka-properties-file", file.toString())
                .kafka.connectionProperties();

        assertThat(properties).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void kafkaPropertiesFileComesFromTheEnvironmentLikeEveryOption() throws IOException {
        Path file = write("sasl.mechanism=PLAIN\n");

        Map<Object, Object> properties = parse(Map.of("TANDEM_KAFKA_PROPERTIES_FILE", file.toString()))
                .kafka.connectionProperties();

        assertThat(properties).containsEntry("sasl.mechanism", "PLAIN");
    }

    @Test
    void missingKafkaPropertiesFileIsAnErrorNamingTheFlagAndThePath() {
        Path missing = dir.resolve("missing.properties");
        WithKafka command = parse(Map.of(), "--kafka-properties-file", missing.toString());

        assertThatThrownBy(command.kafka::connectionProperties).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--kafka-properties-file: cannot read " + missing + " (")
                .hasMessageNotContaining("\n");
    }

    @Test
    void emptyKafkaPropertiesFileIsAnErrorNamingTheFlagAndThePath() throws IOException {
        Path file = write("# nothing yet\n");
        WithKafka command = parse(Map.of(), "--kafka-properties-file", file.toString());

        assertThatThrownBy(command.kafka::connectionProperties).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--kafka-properties-file: " + file + " holds no property");
    }

    @Test
    void startupLineShowsTheKafkaPropertiesFileButNoneOfItsSecrets() throws IOException {
        Path file = write("sasl.jaas.config=x required password=\"jaas-s3cret\";\n");
        CommandLine cli = commandLine(Map.of(), "--kafka-properties-file", file.toString());

        String line = EffectiveSettings.describe(cli.getCommandSpec());

        assertThat(line).contains("--kafka-properties-file=" + file).doesNotContain("s3cret");
    }

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve("kafka-" + System.nanoTime() + ".properties"), content);
    }

    private static WithKafka parse(Map<String, String> environment, String... extra) {
        return commandLine(environment, extra).getCommand();
    }

    private static CommandLine commandLine(Map<String, String> environment, String... extra) {
        List<String> args = new ArrayList<>(List.of("--kafka-bootstrap", "k:9092"));
        args.addAll(List.of(extra));
        String[] all = args.toArray(String[]::new);
        CommandLine cli = new CommandLine(new WithKafka());
        cli.setDefaultValueProvider(SettingsDefaultProvider.fromArgs(all, environment));
        cli.parseArgs(all);
        return cli;
    }
}
