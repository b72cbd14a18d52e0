package io.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.cli.EffectiveSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: the startup line of {@code run} ("starting with ...") shows every setting but no secret, also when a
 * secret comes as a {@code --kafka-property}.
 */
class RunStartupLineTest {

    private static final Path CONTRACT = Path.of("src/test/resources/messages-v2.json").toAbsolutePath();
    private static final List<String> RUN = List.of("--target-url", "http://new:9200", "--kafka-bootstrap", "k:9092",
            "--topic", "t", "--group", "g", "--index", "v2", "--mapping-file", CONTRACT.toString());

    @Test
    void startupLineNeverShowsSecretKafkaProperties() {
        String line = startupLine("--kafka-property", "sasl.oauthbearer.client.credentials.client.secret=oauth-s3cret",
                "--kafka-property", "ssl.keystore.key=-----BEGIN PRIVATE KEY-----pem-s3cret",
                "--kafka-property", "ssl.key.password=key-s3cret",
                "--kafka-property", "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"u\" password=\"jaas-s3cret\";",
                "--kafka-property", "basic.auth.user.info=user:info-s3cret",
                "--kafka-property", "sasl.oauthbearer.token.endpoint.url=https://idp/token-s3cret",
                "--kafka-property", "session.timeout.ms=6000");

        assertThat(line).doesNotContain("s3cret")
                .contains("sasl.oauthbearer.client.credentials.client.secret=****")
                .contains("ssl.keystore.key=****").contains("ssl.key.password=****").contains("sasl.jaas.config=****")
                .contains("basic.auth.user.info=****");
    }

    @Test
    void startupLineStillShowsKafkaPropertiesThatAreNoSecret() {
        // a harmless property beside a secret one is not masked with it
        String line = startupLine("--kafka-property", "session.timeout.ms=6000",
                "--kafka-property", "ssl.truststore.password=trust-s3cret");

        assertThat(line).contains("session.timeout.ms=6000").contains("ssl.truststore.password=****")
                .doesNotContain("trust-s3cret");
    }

    @Test
    void startupLineNeverShowsTheSecretFlags() {
        String line = startupLine("--target-username", "tandem", "--target-password", "es-s3cret",
                "--kafka-sasl-jaas-config", "x required password=\"jaas-s3cret\";",
                "--kafka-ssl-truststore-password", "trust-s3cret");

        assertThat(line).doesNotContain("s3cret").contains("--target-password=****").contains("--target-username=tandem")
                .contains("--kafka-sasl-jaas-config=****").contains("--kafka-ssl-truststore-password=****");
    }

    private static String startupLine(String... extra) {
        List<String> args = new ArrayList<>(RUN);
        args.addAll(List.of(extra));
        return "starting with " + EffectiveSettings.describe(
                RunCommandSpec.parse(args.toArray(String[]::new), null).getCommandSpec());
    }
}
