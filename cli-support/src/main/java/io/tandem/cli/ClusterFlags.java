package io.tandem.cli;

import io.tandem.core.cluster.ClusterClients;
import io.tandem.core.cluster.ClusterSettings;
import java.nio.file.Path;
import java.time.Duration;
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
                "requestTimeout", prefix + "-request-timeout", "connectTimeout", prefix + "-connect-timeout");
    }

    /** The settings, the CA certificate file read too: a bad one is a settings error, found before connecting. */
    static ClusterSettings settings(String prefix, List<String> urls, String username, String password, String apiKey,
                                    Path caCertificate, Duration requestTimeout, Duration connectTimeout) {
        return SettingErrors.flagged(flags(prefix), () -> {
            ClusterSettings settings = new ClusterSettings(urls == null ? null : List.copyOf(urls), username, password,
                    apiKey, caCertificate, requestTimeout, connectTimeout);
            ClusterClients.checkCaCertificate(settings);
            return settings;
        });
    }
}
