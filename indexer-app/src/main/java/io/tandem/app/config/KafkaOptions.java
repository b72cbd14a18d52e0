package io.tandem.app.config;

import io.tandem.cli.SettingFiles;
import io.tandem.cli.SettingsDefaultProvider;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/** How to reach the Kafka cluster that holds the application's command topic. */
public final class KafkaOptions {

    @Option(names = "--kafka-bootstrap", required = true, paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--kafka-security-protocol", defaultValue = "PLAINTEXT",
            description = "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (default: ${DEFAULT-VALUE}).")
    String securityProtocol;

    @Option(names = "--kafka-sasl-mechanism", description = "SASL mechanism, e.g. PLAIN, SCRAM-SHA-512.")
    String saslMechanism;

    @Option(names = "--kafka-sasl-jaas-config", description = "SASL JAAS config line (secret: never logged).")
    String saslJaasConfig;

    @Option(names = "--kafka-ssl-truststore", paramLabel = "FILE", description = "Trust store for TLS to Kafka.")
    Path sslTruststore;

    @Option(names = "--kafka-ssl-truststore-password", description = "Password of the trust store (secret: never logged).")
    String sslTruststorePassword;

    @Option(names = "--kafka-properties-file", paramLabel = "FILE",
            description = "Further Kafka client properties from a Java properties file, e.g. a mounted secret holding "
                    + "sasl.jaas.config; they win over the flags above, a --kafka-property of the same key wins over "
                    + "them. Only its path is logged.")
    Path propertiesFile;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            split = SettingsDefaultProvider.ENTRY_SPLIT, hideParamSyntax = true,
            description = "Any other Kafka client property, repeatable; applies to the consumer, producer and admin client. "
                    + "Never logged: the value of a key containing password, secret, token, jaas, key, credential or "
                    + "user.info (e.g. sasl.jaas.config, ssl.key.password).")
    Map<String, String> extra = new LinkedHashMap<>();

    /** Connection properties shared by the consumer, the dead-letter producer and the admin client. */
    public Properties connectionProperties() {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrapServers);
        properties.put("security.protocol", securityProtocol);
        putIfSet(properties, "sasl.mechanism", saslMechanism);
        putIfSet(properties, "sasl.jaas.config", saslJaasConfig);
        putIfSet(properties, "ssl.truststore.location", sslTruststore == null ? null : sslTruststore.toString());
        putIfSet(properties, "ssl.truststore.password", sslTruststorePassword);
        if (propertiesFile != null) {
            properties.putAll(fileProperties());
        }
        properties.putAll(extra);
        return properties;
    }

    /** The properties of --kafka-properties-file; an unreadable or empty file is an error naming it and its path. */
    private Properties fileProperties() {
        Properties fromFile = SettingFiles.properties("--kafka-properties-file", propertiesFile);
        if (fromFile.isEmpty()) {
            throw new IllegalArgumentException("--kafka-properties-file: " + propertiesFile + " holds no property");
        }
        return fromFile;
    }

    private static void putIfSet(Properties properties, String key, String value) {
        if (value != null && !value.isBlank()) {
            properties.put(key, value);
        }
    }
}
