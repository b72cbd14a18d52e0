package io.tandem.ops.verify;

import java.time.Duration;
import java.util.Objects;

/**
 * How a verification compares. Every problem is an {@link IllegalArgumentException} whose one-line message starts
 * with the setting's name.
 *
 * @param mode        a random sample, or every document
 * @param sampleSize  SAMPLE: documents drawn from each side, 1..10000
 * @param slices      FULL: sliced-scroll slices per index, 0 for one per primary shard of each (see
 *                    {@link io.tandem.core.source.ScrollSlicing})
 * @param concurrency FULL: slices read at once
 * @param batchSize   ids per {@code _mget}, 1..10000 (a full scan's scroll pages are sized as the backfill's,
 *                    {@link io.tandem.core.source.ScrollPageSize})
 * @param settleDelay how long to wait before checking a mismatch again: both sides keep changing, and a write in
 *                    flight (consumer lag, a refresh) must not count as a difference
 * @param beyondShards FULL: whether more slices than an index has primary shards are accepted, at the cost the
 *                    backfill's --slices-beyond-shards states
 * @param throttle    FULL: documents per second at most of either index, each read from or looked up in the source
 *                    (the old cluster in production); 0 = unlimited
 */
public record VerifySettings(VerifyMode mode, int sampleSize, int slices, int concurrency, int batchSize,
                             Duration settleDelay, boolean beyondShards, long throttle) {

    public static final int DEFAULT_SAMPLE_SIZE = 1000;
    public static final Duration DEFAULT_SETTLE_DELAY = Duration.ofSeconds(5);

    public VerifySettings {
        Objects.requireNonNull(mode, "mode");
        if (sampleSize < 1 || sampleSize > IndexProbe.MAX_SAMPLE) {
            throw new IllegalArgumentException("sampleSize: must be between 1 and " + IndexProbe.MAX_SAMPLE + ", was "
                    + sampleSize);
        }
        if (slices < 0) {
            throw new IllegalArgumentException("slices: must be 0 (one per primary shard) or more, was " + slices);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency: must be at least 1, was " + concurrency);
        }
        if (batchSize < 1 || batchSize > IndexProbe.MAX_SAMPLE) {
            throw new IllegalArgumentException("batchSize: must be between 1 and " + IndexProbe.MAX_SAMPLE + ", was "
                    + batchSize);
        }
        if (throttle < 0) {
            throw new IllegalArgumentException("throttle: must be 0 (unlimited) or more documents per second, was "
                    + throttle);
        }
        if (settleDelay == null || settleDelay.isNegative()) {
            throw new IllegalArgumentException("settleDelay: must be zero or positive, was " + settleDelay);
        }
    }
}
