package io.tandem.cli;

import io.tandem.core.sink.BulkSettings;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/** How writes are batched into _bulk requests; the defaults are {@link BulkSettings}'s own. */
public final class BulkOptions {

    @Option(names = "--bulk-max-docs", description = "Documents per _bulk request (default: ${DEFAULT-VALUE}).")
    int maxDocs = BulkSettings.DEFAULT_MAX_DOCS;

    @Option(names = "--bulk-max-bytes", description = "Bytes per _bulk request (default: ${DEFAULT-VALUE}).")
    long maxBytes = BulkSettings.DEFAULT_MAX_BYTES;

    @Option(names = "--bulk-in-flight", description = "_bulk requests in flight at once (default: ${DEFAULT-VALUE}).")
    int maxInFlight = BulkSettings.DEFAULT_MAX_IN_FLIGHT;

    @Option(names = "--bulk-flush-interval", paramLabel = "DURATION",
            description = "A partial batch is sent after this long (default: ${DEFAULT-VALUE}).")
    Duration flushInterval = BulkSettings.DEFAULT_FLUSH_INTERVAL;

    /** The flag of each {@link BulkSettings} component these options set; the backoff is not a flag. */
    static final Map<String, String> FLAGS = Map.of("maxDocs", "--bulk-max-docs", "maxBytes", "--bulk-max-bytes",
            "maxInFlight", "--bulk-in-flight", "flushInterval", "--bulk-flush-interval");

    public BulkSettings toSettings() {
        return SettingErrors.flagged(FLAGS, () -> BulkSettings.defaults().withMaxDocs(maxDocs).withMaxBytes(maxBytes)
                .withMaxInFlight(maxInFlight).withFlushInterval(flushInterval));
    }
}
