package io.tandem.cli;

import io.tandem.core.cluster.ClusterSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Builds {@link ClusterSettings} from the flags of one cluster (--target-*, --source-*), errors naming the flag. */
final class ClusterFlags {

    private ClusterFlags() {
    }

    static ClusterSettings settings(String prefix, List<String> urls, String username, String password, String apiKey,
                                    Path caCertificate, Duration requestTimeout, Duration connectTimeout) {
        try {
            return new ClusterSettings(List.copyOf(urls), username, password, apiKey, caCertificate, requestTimeout, connectTimeout);
        } catch (IllegalArgumentException e) {
            throw SettingErrors.withFlag(e, Map.of("urls", prefix + "-url",
                    "username/password", prefix + "-username/" + prefix + "-password", "username", prefix + "-username",
                    "apiKey", prefix + "-api-key", "caCertificate", prefix + "-ca-cert",
                    "requestTimeout", prefix + "-request-timeout", "connectTimeout", prefix + "-connect-timeout"));
        }
    }
}
