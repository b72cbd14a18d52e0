package io.tandem.cli;

import io.tandem.core.cluster.ClusterSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** The target cluster: the new Elasticsearch or OpenSearch that Tandem writes to. */
public final class TargetClusterOptions {

    @Option(names = "--target-url", required = true, split = ",", paramLabel = "URL",
            description = "Base URL(s) of the target cluster, comma separated, e.g. https://search-new:9200.")
    List<String> urls;

    @Option(names = "--target-username", description = "User for HTTP basic authentication.")
    String username;

    @Option(names = "--target-password",
            description = "Password for HTTP basic authentication (secret: never logged).")
    String password;

    @Option(names = "--target-password-file", paramLabel = "FILE",
            description = "File holding the password instead (one trailing newline ignored), e.g. a mounted secret.")
    Path passwordFile;

    @Option(names = "--target-api-key", description = "API key instead of a user: 'id:key' or its base64 form (secret: never logged).")
    String apiKey;

    @Option(names = "--target-api-key-file", paramLabel = "FILE",
            description = "File holding the API key instead (one trailing newline ignored), e.g. a mounted secret.")
    Path apiKeyFile;

    @Option(names = "--target-ca-cert", paramLabel = "PEM",
            description = "PEM file of the CA that signed the cluster's TLS certificate, when not in the JVM's trust store.")
    Path caCertificate;

    @Option(names = "--target-client-cert", paramLabel = "PEM",
            description = "PEM file of the certificate (chain) this client presents, for clusters that authenticate "
                    + "clients by certificate (mutual TLS); with --target-client-key.")
    Path clientCertificate;

    @Option(names = "--target-client-key", paramLabel = "PEM",
            description = "PEM file of that certificate's private key, unencrypted PKCS#8 (BEGIN PRIVATE KEY).")
    Path clientKey;

    @Option(names = "--target-request-timeout", paramLabel = "DURATION",
            description = "Timeout of one request to the cluster, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration requestTimeout = ClusterSettings.DEFAULT_REQUEST_TIMEOUT;

    @Option(names = "--target-connect-timeout", paramLabel = "DURATION",
            description = "Timeout to connect to the cluster, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout = ClusterSettings.DEFAULT_CONNECT_TIMEOUT;

    /** The settings, the secret and CA files read: errors name the flags. */
    public ClusterSettings toSettings() {
        return ClusterFlags.settings("--target", urls, username, password, passwordFile, apiKey, apiKeyFile,
                caCertificate, clientCertificate, clientKey, requestTimeout, connectTimeout);
    }
}
