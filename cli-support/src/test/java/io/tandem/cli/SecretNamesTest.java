package io.tandem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SecretNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"ssl.key.password", "ssl.keystore.key", "ssl.truststore.password", "sasl.jaas.config",
            "sasl.oauthbearer.client.credentials.client.secret", "basic.auth.user.info", "BASIC_AUTH_USER_INFO",
            "sasl.oauthbearer.token.endpoint.url", "ssl.keystore.certificate.chain.key", "--target-password",
            "--target-api-key", "--source-password", "--source-api-key", "--kafka-sasl-jaas-config",
            "--kafka-ssl-truststore-password", "Sasl.Jaas.Config"})
    void namesOfSecretsAreSecret(String name) {
        assertThat(SecretNames.isSecret(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bootstrap.servers", "session.timeout.ms", "security.protocol", "sasl.mechanism",
            "client.id", "--topic", "--kafka-property", "--target-username", "--kafka-bootstrap"})
    void otherNamesAreShown(String name) {
        assertThat(SecretNames.isSecret(name)).isFalse();
    }

    @Test
    void maskedKeepsTheOrderAndMasksOnlySecretValues() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("session.timeout.ms", "6000");
        settings.put("sasl.jaas.config", "x required password=\"s3cret\";");
        settings.put("client.id", "indexer");

        assertThat(SecretNames.masked(settings)).containsExactly(Map.entry("session.timeout.ms", "6000"),
                Map.entry("sasl.jaas.config", "****"), Map.entry("client.id", "indexer"));
    }
}
