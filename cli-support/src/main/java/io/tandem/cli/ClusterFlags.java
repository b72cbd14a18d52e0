package io.tandem.cli;

import io.tandem.core.cluster.ClusterClients;
import io.tandem.core.cluster.ClusterSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link ClusterSettings} from the flags of one cluster (--target-*, --source-*), errors naming the flags. */
final class ClusterFlags {

    private ClusterFlags() {
    }

    /** The flag of each {@link ClusterSettings} component, for the cluster whose flags start with {@code prefix}. */
    static Map<String, String> flags(String prefix) {
        return Map.of("urls", prefix + "-url", "username", prefix + "-username", "password", prefix + "-password",
                "apiKey", prefix + "-api-key", "caCertificate", prefix + "-ca-cert",
                "clientCertificate", prefix + "-client-cert", "clientKey", prefix + "-client-key",
                "requestTimeout", prefix + "-request-timeout", "connectTimeout", prefix + "-connect-timeout");
    }

    /**
     * The settings, every file they name read: the password and the API key from their -file flags when given (a
     * secret given both ways is an error naming both flags), and the CA certificate file: a bad one is a settings
     * error, found before connecting. An error about a secret read from a file names the -file flag.
     */
    static ClusterSettings settings(String prefix, List<String> urls, String username, String password,
                                    Path passwordFile, String apiKey, Path apiKeyFile, Path caCertificate,
                                    Path clientCertificate, Path clientKey, Duration requestTimeout,
                                    Duration connectTimeout) {
        Map<String, String> flags = new HashMap<>(flags(prefix));
        String secretPassword = secret(flags, "password", password, passwordFile);
        String secretApiKey = secret(flags, "apiKey", apiKey, apiKeyFile);
        return SettingErrors.flagged(flags, () -> {
            ClusterSettings settings = new ClusterSettings(urls == null ? null : List.copyOf(urls), username,
                    secretPassword, secretApiKey, caCertificate, clientCertificate, clientKey, requestTimeout,
                    connectTimeout);
            ClusterClients.checkTlsFiles(settings);
            return settings;
        });
    }

    /** The secret component {@code name}, given on its flag or in the file of its -file flag, which then names it. */
    private static String secret(Map<String, String> flags, String name, String value, Path file) {
        String flag = flags.get(name);
        String secret = SettingFiles.secret(flag, value, flag + "-file", file);
        if (file != null) {
            flags.put(name, flag + "-file");
        }
        return secret;
    }
}
