package io.tandem.core.source;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BlockingBucket;
import java.time.Duration;

/**
 * At most N documents per second read from the old cluster (the backfill, verify --full), so a production cluster is
 * not hurt; 0 = unlimited. A page larger than a second's worth (pages are sized from the index) waits for all of it.
 */
public final class Throttle {

    private final BlockingBucket bucket;

    public Throttle(long docsPerSecond) {
        if (docsPerSecond < 0) {
            throw new IllegalArgumentException("--throttle: must be >= 0 docs/s (0 = unlimited), was " + docsPerSecond);
        }
        // a one-second burst at most, refilled smoothly
        this.bucket = docsPerSecond == 0 ? null : Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(docsPerSecond).refillGreedy(docsPerSecond, Duration.ofSeconds(1)).build())
                .build().asBlocking();
    }

    /** Waits until {@code documents} more may be read. */
    public void acquire(int documents) throws InterruptedException {
        if (bucket != null && documents > 0) {
            bucket.consume(documents);
        }
    }
}
