package io.tandem.ops.parity;

import java.time.Duration;
import java.util.Objects;

/**
 * How each query is run.
 *
 * @param timedRuns    timed runs per query and index, for the latency percentiles
 * @param warmupRuns   untimed runs per query and index before them
 * @param recheckAfter how long to wait before asking a query that differed once more, since both indices keep
 *                     changing during a live migration; only a difference that persists counts. Zero: no recheck
 */
public record ParitySettings(int timedRuns, int warmupRuns, Duration recheckAfter) {

    public ParitySettings {
        Objects.requireNonNull(recheckAfter, "recheckAfter");
        if (timedRuns < 1) {
            throw new IllegalArgumentException("timedRuns: must be at least 1, was " + timedRuns);
        }
        if (warmupRuns < 0) {
            throw new IllegalArgumentException("warmupRuns: must not be negative, was " + warmupRuns);
        }
        if (recheckAfter.isNegative()) {
            throw new IllegalArgumentException("recheckAfter: must not be negative, was " + recheckAfter);
        }
    }
}
