package io.tandem.core.source;

import io.tandem.core.cluster.Backoff;
import java.time.Duration;

/**
 * How often and how patiently a refused or failed request is tried again: before retry {@code n} (1, 2, ...) wait a
 * random time between {@code initialDelay} and {@code min(maxDelay, initialDelay * 2^(n-1))}. The jitter keeps the
 * slices that one overloaded engine refused at the same moment from all coming back at the same moment.
 *
 * @param attempts     tries in all, the first included
 * @param initialDelay the shortest wait
 * @param maxDelay     the longest wait
 */
record RetryPolicy(int attempts, Duration initialDelay, Duration maxDelay) {

    /**
     * Six tries over about 15 s at most: long enough for a 429 or a node restart to pass, short enough to stay well
     * inside a scroll's keep-alive (a scroll id stays valid until then, so retrying it is sound).
     */
    static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(8));

    RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts: must be at least 1, was " + attempts);
        }
        if (initialDelay.toMillis() < 1 || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("delays: need 1ms <= initialDelay <= maxDelay, were " + initialDelay
                    + " and " + maxDelay);
        }
    }

    /** How long to wait before retry number {@code retry} (the first retry is 1): the writer's backoff rule. */
    Duration delayBefore(int retry) {
        return new Backoff(initialDelay, maxDelay).delay(retry);
    }
}
