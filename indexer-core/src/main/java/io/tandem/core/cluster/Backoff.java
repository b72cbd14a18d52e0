package io.tandem.core.cluster;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: before retry {@code n} (1, 2, ...) wait a uniformly random time between
 * {@code initial} and {@code min(max, initial * 2^(n-1))}. The jitter spreads the retries of many writers that were
 * refused at the same moment (a 429 storm) instead of having them all return at once.
 */
public final class Backoff {

    private final long initialNanos;
    private final long maxNanos;
    private final RandomGenerator random;

    public Backoff(Duration initial, Duration max) {
        this(initial, max, new Random());
    }

    /** @param random thread-safe source of the jitter ({@link Random} is) */
    public Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.random = Objects.requireNonNull(random, "random");
        if (initialNanos <= 0 || maxNanos < initialNanos) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, was " + initial + " and " + max);
        }
    }

    /** How long to wait before retry number {@code retry} (the first retry is 1). */
    public Duration delay(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries count from 1, was " + retry);
        }
        long ceiling = ceilingNanos(retry);
        long nanos = ceiling == initialNanos ? initialNanos : random.nextLong(initialNanos, ceiling + 1);
        return Duration.ofNanos(nanos);
    }

    /** {@code min(max, initial * 2^(retry-1))}, without overflowing however many retries there were. */
    long ceilingNanos(int retry) {
        int doublings = retry - 1;
        if (doublings >= Long.numberOfLeadingZeros(initialNanos) - 1) {
            return maxNanos; // initial * 2^doublings would not fit in a long, so it is certainly past max
        }
        return Math.min(maxNanos, initialNanos << doublings);
    }
}
