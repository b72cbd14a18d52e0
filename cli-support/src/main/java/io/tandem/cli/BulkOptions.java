package io.tandem.cli;

import io.tandem.core.sink.BulkSettings;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/** How writes are batched into _bulk requests. */
public final class BulkOptions {

    @Option(names = "--bulk-max-docs", defaultValue = "1000", description = "Documents per _bulk request (default: ${DEFAULT-VALUE}).")
    int maxDocs;

    @Option(names = "--bulk-max-bytes", defaultValue = "5242880", description = "Bytes per _bulk request (default: ${DEFAULT-VALUE}).")
    long maxBytes;

    @Option(names = "--bulk-in-flight", defaultValue = "2", description = "_bulk requests in flight at once (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--bulk-flush-interval", defaultValue = "PT0.2S", paramLabel = "DURATION",
            description = "A partial batch is sent after this long (default: ${DEFAULT-VALUE}).")
    Duration flushInterval;

    /** The flag of each {@link BulkSettings} component these options set; the backoff is not a flag. */
    static final Map<String, String> FLAGS = Map.of("maxDocs", "--bulk-max-docs", "maxBytes", "--bulk-max-bytes",
            "maxInFlight", "--bulk-in-flight", "flushInterval", "--bulk-flush-interval");

    public BulkSettings toSettings() {
        return SettingErrors.flagged(FLAGS, () -> BulkSettings.defaults().withMaxDocs(maxDocs).withMaxBytes(maxBytes)
                .withMaxInFlight(maxInFlight).withFlushInterval(flushInterval));
    }
}
