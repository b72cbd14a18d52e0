package io.tandem.core.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a call is tried again when it failed in a way that may pass: an answer reporting a
 * {@link ClusterCondition} that does ({@link EngineCall.Reply#mayPass()}), or a transport failure. The wait before
 * each retry is the one {@link Backoff} rule, which the bulk writer follows too; the writer alone has no limit of
 * tries, as it never gives up on a write that may still pass (the consumer must not commit past it).
 *
 * @param attempts tries in all, the first included
 * @param patience how long a call may go on failing, from its first failure, before it is given up however many
 *                 tries that left
 * @param backoff  the wait before each retry
 */
public record RetryPolicy(int attempts, Duration patience, Backoff backoff) {

    /** No limit of time: the tries alone limit the policy (declared first: DEFAULT uses it). */
    private static final Duration UNBOUNDED = Duration.ofDays(36_500);

    /**
     * Six tries over about 15 s at most: long enough for a 429 or a node restart to pass, short enough to stay well
     * inside a scroll's keep-alive (a scroll id stays valid until then, so retrying it is sound).
     */
    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(8));

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts: must be at least 1, was " + attempts);
        }
        if (patience == null || patience.isNegative()) {
            throw new IllegalArgumentException("patience: must be zero or positive, was " + patience);
        }
        Objects.requireNonNull(backoff, "backoff");
    }

    /**
     * @param initialDelay the shortest wait, at least 1 ms (a {@link Sleeper} waits whole milliseconds)
     * @param maxDelay     the longest wait
     */
    public RetryPolicy(int attempts, Duration initialDelay, Duration maxDelay) {
        this(attempts, UNBOUNDED, backoff(initialDelay, maxDelay));
    }

    /**
     * Tries with {@link #DEFAULT}'s backoff (0.5 s doubling up to 8 s) until a call has failed for {@code outage}: a
     * source that is down or refusing for that long is waited for.
     */
    public static RetryPolicy patientFor(Duration outage) {
        return new RetryPolicy(Integer.MAX_VALUE, outage, DEFAULT.backoff());
    }

    /** How long to wait before retry number {@code retry} (the first retry is 1). */
    public Duration delayBefore(int retry) {
        return backoff.delay(retry);
    }

    /**
     * Whether try number {@code attempt} (the first is 1) was the last one allowed, the call having failed for
     * {@code failingFor} since its first failure.
     */
    public boolean lastAttempt(int attempt, Duration failingFor) {
        return attempt >= attempts || failingFor.compareTo(patience) >= 0;
    }

    private static Backoff backoff(Duration initialDelay, Duration maxDelay) {
        if (initialDelay.toMillis() < 1 || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("delays: need 1ms <= initialDelay <= maxDelay, were " + initialDelay
                    + " and " + maxDelay);
        }
        return new Backoff(initialDelay, maxDelay);
    }
}
