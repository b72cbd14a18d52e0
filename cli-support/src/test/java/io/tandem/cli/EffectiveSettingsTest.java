package io.tandem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Issue 14: the effective settings, as logged at start, show no secret, whichever way it was given. */
class EffectiveSettingsTest {

    @Command(name = "demo")
    static final class Settings {
        @Option(names = "--topic")
        String topic;
        @Option(names = "--target-password")
        String password;
        @Option(names = "--target-api-key")
        String apiKey;
        @Option(names = "--kafka-property")
        Map<String, String> kafka = new LinkedHashMap<>();
    }

    @Test
    void secretKafkaPropertiesAreMaskedOneByOne() {
        String described = describe("--topic", "commands",
                "--kafka-property", "sasl.oauthbearer.client.credentials.client.secret=oauth-s3cret",
                "--kafka-property", "client.id=indexer-1");

        assertThat(described).doesNotContain("s3cret")
                .contains("--kafka-property={sasl.oauthbearer.client.credentials.client.secret=****, client.id=indexer-1}")
                .contains("--topic=commands");
    }

    @Test
    void secretOptionsAreMasked() {
        String described = describe("--target-password", "pw-s3cret", "--target-api-key", "id:key-s3cret");

        assertThat(described).doesNotContain("s3cret").contains("--target-password=****").contains("--target-api-key=****");
    }

    private static String describe(String... args) {
        CommandLine cli = new CommandLine(new Settings());
        cli.parseArgs(args);
        return EffectiveSettings.describe(cli.getCommandSpec());
    }
}
