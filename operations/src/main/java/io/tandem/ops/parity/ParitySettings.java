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
 * @param rechecks     how many times at most a query that keeps differing is asked again
 */
public record ParitySettings(int timedRuns, int warmupRuns, Duration recheckAfter, int rechecks) {

    /** The command's default number of rechecks. */
    public static final int DEFAULT_RECHECKS = 3;

    public ParitySettings(int timedRuns, int warmupRuns, Duration recheckAfter) {
        this(timedRuns, warmupRuns, recheckAfter, DEFAULT_RECHECKS);
    }

    public ParitySettings {
        Objects.requireNonNull(recheckAfter, "recheckAfter");
        if (timedRuns < 1) {
            throw new IllegalArgumentException("timedRuns: must be at least 1, was " + timedRuns);
        }
        if (warmupRuns < 0) {
            throw new IllegalArgumentException("warmupRuns: must not be negative, was " + warmupRuns);
        }
        if (rechecks < 0) {
            throw new IllegalArgumentException("rechecks: must not be negative, was " + rechecks);
        }
        if (recheckAfter.isNegative()) {
            throw new IllegalArgumentException("recheckAfter: must not be negative, was " + recheckAfter);
        }
    }
}
