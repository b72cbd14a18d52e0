package io.tandem.cli;

import io.tandem.core.cluster.ClusterSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** The source cluster: the old Elasticsearch or OpenSearch that the backfill reads. */
public final class SourceClusterOptions {

    @Option(names = "--source-url", required = true, split = ",", paramLabel = "URL",
            description = "Base URL(s) of the source cluster, comma separated, e.g. https://search-old:9200.")
    List<String> urls;

    @Option(names = "--source-username", description = "User for HTTP basic authentication.")
    String username;

    @Option(names = "--source-password",
            description = "Password for HTTP basic authentication (secret: never logged).")
    String password;

    @Option(names = "--source-password-file", paramLabel = "FILE",
            description = "File holding the password instead (one trailing newline ignored), e.g. a mounted secret.")
    Path passwordFile;

    @Option(names = "--source-api-key", description = "API key instead of a user: 'id:key' or its base64 form (secret: never logged).")
    String apiKey;

    @Option(names = "--source-api-key-file", paramLabel = "FILE",
            description = "File holding the API key instead (one trailing newline ignored), e.g. a mounted secret.")
    Path apiKeyFile;

    @Option(names = "--source-ca-cert", paramLabel = "PEM",
            description = "PEM file of the CA that signed the cluster's TLS certificate, when not in the JVM's trust store.")
    Path caCertificate;

    @Option(names = "--source-client-cert", paramLabel = "PEM",
            description = "PEM file of the certificate (chain) this client presents, for clusters that authenticate "
                    + "clients by certificate (mutual TLS); with --source-client-key.")
    Path clientCertificate;

    @Option(names = "--source-client-key", paramLabel = "PEM",
            description = "PEM file of that certificate's private key, unencrypted PKCS#8 (BEGIN PRIVATE KEY).")
    Path clientKey;

    @Option(names = "--source-request-timeout", paramLabel = "DURATION",
            description = "Timeout of one request to the cluster, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration requestTimeout = ClusterSettings.DEFAULT_REQUEST_TIMEOUT;

    @Option(names = "--source-connect-timeout", paramLabel = "DURATION",
            description = "Timeout to connect to the cluster, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout = ClusterSettings.DEFAULT_CONNECT_TIMEOUT;

    /** The settings, the secret and CA files read: errors name the flags. */
    public ClusterSettings toSettings() {
        return ClusterFlags.settings("--source", urls, username, password, passwordFile, apiKey, apiKeyFile,
                caCertificate, clientCertificate, clientKey, requestTimeout, connectTimeout);
    }
}
