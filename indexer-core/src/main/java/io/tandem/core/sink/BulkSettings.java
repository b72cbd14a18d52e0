package io.tandem.core.sink;

import java.time.Duration;

/**
 * How the {@link VersionedBulkWriter} batches, how many bulk requests it keeps outstanding and how it backs off.
 * Every problem is an {@link IllegalArgumentException} with a one-line message naming the setting.
 *
 * @param maxDocs        a batch is sent when it holds this many writes
 * @param maxBytes       ... or when the next write would take its NDJSON body over this many bytes (a single write
 *                       larger than this goes alone)
 * @param maxInFlight    bulk requests outstanding at once, each with its retries; past this, submitters block
 * @param flushInterval  a partial batch is sent this long after its first write arrived
 * @param initialBackoff the shortest wait before a retry
 * @param maxBackoff     the longest wait before a retry
 */
public record BulkSettings(int maxDocs, long maxBytes, int maxInFlight, Duration flushInterval,
                           Duration initialBackoff, Duration maxBackoff) {

    public static final int DEFAULT_MAX_DOCS = 1000;
    public static final long DEFAULT_MAX_BYTES = 5L * 1024 * 1024;
    public static final int DEFAULT_MAX_IN_FLIGHT = 2;
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(200);
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

    /** A body is one byte array, and engines cap bodies far below this anyway (100 MiB by default). */
    public static final long MAX_MAX_BYTES = 1L << 30;

    /** Past a day between retries an outage is better handled by an operator than by waiting longer. */
    public static final Duration MAX_BACKOFF_LIMIT = Duration.ofDays(1);

    public BulkSettings {
        if (maxDocs < 1) {
            throw new IllegalArgumentException("maxDocs: must be at least 1, was " + maxDocs);
        }
        if (maxBytes < 1 || maxBytes > MAX_MAX_BYTES) {
            throw new IllegalArgumentException("maxBytes: must be between 1 and " + MAX_MAX_BYTES + ", was "
                    + maxBytes);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight: must be at least 1, was " + maxInFlight);
        }
        requirePositive("flushInterval", flushInterval);
        requirePositive("initialBackoff", initialBackoff);
        requirePositive("maxBackoff", maxBackoff);
        if (maxBackoff.compareTo(MAX_BACKOFF_LIMIT) > 0) {
            throw new IllegalArgumentException("maxBackoff: must be at most " + MAX_BACKOFF_LIMIT + ", was "
                    + maxBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff: must be at least initialBackoff (" + initialBackoff
                    + "), was " + maxBackoff);
        }
    }

    public static BulkSettings defaults() {
        return new BulkSettings(DEFAULT_MAX_DOCS, DEFAULT_MAX_BYTES, DEFAULT_MAX_IN_FLIGHT, DEFAULT_FLUSH_INTERVAL,
                DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF);
    }

    public BulkSettings withMaxDocs(int maxDocs) {
        return new BulkSettings(maxDocs, maxBytes, maxInFlight, flushInterval, initialBackoff, maxBackoff);
    }

    public BulkSettings withMaxBytes(long maxBytes) {
        return new BulkSettings(maxDocs, maxBytes, maxInFlight, flushInterval, initialBackoff, maxBackoff);
    }

    public BulkSettings withMaxInFlight(int maxInFlight) {
        return new BulkSettings(maxDocs, maxBytes, maxInFlight, flushInterval, initialBackoff, maxBackoff);
    }

    public BulkSettings withFlushInterval(Duration flushInterval) {
        return new BulkSettings(maxDocs, maxBytes, maxInFlight, flushInterval, initialBackoff, maxBackoff);
    }

    public BulkSettings withBackoff(Duration initialBackoff, Duration maxBackoff) {
        return new BulkSettings(maxDocs, maxBytes, maxInFlight, flushInterval, initialBackoff, maxBackoff);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": must be a positive duration, was " + value);
        }
    }
}
