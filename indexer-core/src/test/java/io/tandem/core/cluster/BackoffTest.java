package io.tandem.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration INITIAL = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofSeconds(30);

    private final Backoff backoff = new Backoff(INITIAL, MAX, new Random(42));

    @Test
    void theFirstRetryWaitsTheInitialBackoff() {
        assertThat(backoff.delay(1)).isEqualTo(INITIAL);
    }

    @Test
    void everyDelayLiesBetweenInitialAndTheDoublingCeilingCappedAtMax() {
        for (int retry = 1; retry <= 40; retry++) {
            Duration ceiling = Duration.ofMillis(Math.min(MAX.toMillis(), INITIAL.toMillis() << Math.min(retry - 1, 30)));
            for (int sample = 0; sample < 200; sample++) {
                assertThat(backoff.delay(retry)).isBetween(INITIAL, ceiling);
            }
        }
    }

    @Test
    void theCeilingDoublesPerRetryUntilItReachesMax() {
        assertThat(backoff.ceilingNanos(1)).isEqualTo(INITIAL.toNanos());
        assertThat(backoff.ceilingNanos(2)).isEqualTo(INITIAL.toNanos() * 2);
        assertThat(backoff.ceilingNanos(5)).isEqualTo(INITIAL.toNanos() * 16);
        assertThat(backoff.ceilingNanos(10)).isEqualTo(MAX.toNanos()); // 100 ms * 512 > 30 s
    }

    @Test
    void delaysAreJitteredAcrossTheWholeRange() {
        Set<Long> distinct = new HashSet<>();
        Duration shortest = MAX;
        Duration longest = Duration.ZERO;
        for (int sample = 0; sample < 1000; sample++) {
            Duration delay = backoff.delay(12);
            distinct.add(delay.toNanos());
            shortest = delay.compareTo(shortest) < 0 ? delay : shortest;
            longest = delay.compareTo(longest) > 0 ? delay : longest;
        }
        assertThat(distinct).hasSizeGreaterThan(900);
        // full jitter: both ends of [100 ms, 30 s] are reached, not a narrow band around the ceiling
        assertThat(shortest).isLessThan(Duration.ofSeconds(1));
        assertThat(longest).isGreaterThan(Duration.ofSeconds(29));
    }

    @Test
    void neverOverflowsHoweverManyRetries() {
        Backoff tiny = new Backoff(Duration.ofNanos(1), Duration.ofDays(1), new Random(7));
        for (int retry : new int[] {62, 63, 64, 65, 1_000, Integer.MAX_VALUE}) {
            assertThat(tiny.delay(retry)).isBetween(Duration.ofNanos(1), Duration.ofDays(1));
        }
    }

    @Test
    void equalInitialAndMaxGiveAConstantDelay() {
        Backoff constant = new Backoff(Duration.ofMillis(50), Duration.ofMillis(50), new Random(1));

        assertThat(constant.delay(1)).isEqualTo(Duration.ofMillis(50));
        assertThat(constant.delay(20)).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void retriesCountFromOne() {
        assertThatThrownBy(() -> backoff.delay(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
