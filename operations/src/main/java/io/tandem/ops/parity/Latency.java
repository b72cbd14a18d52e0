package io.tandem.ops.parity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Round-trip times of one query on one index, as the client sees them (request sent to answer read).
 *
 * @param runs the number of timed runs
 */
public record Latency(int runs, double p50Millis, double p95Millis, double p99Millis) {

    /** Percentiles by nearest rank: with 20 runs p95 is the 19th fastest and p99 the slowest. */
    public static Latency of(List<Long> nanos) {
        if (nanos.isEmpty()) {
            throw new IllegalArgumentException("no timed runs");
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return new Latency(sorted.size(), millis(sorted, 50), millis(sorted, 95), millis(sorted, 99));
    }

    private static double millis(List<Long> sorted, int percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1) / 1_000_000.0;
    }
}
