package io.tandem.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ThrottleTest {

    @Test
    @Timeout(20)
    void aPageLargerThanOneSecondsWorthWaitsForItInPartsInsteadOfFailing() throws Exception {
        Throttle throttle = new Throttle(1_000);
        long start = System.nanoTime();

        throttle.acquire(2_500); // a page of 2,500 under 1,000 docs/s: a burst of 1,000, then 1,500 at 1,000/s

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1_200));
    }

    @Test
    void zeroIsUnlimitedAndANegativeRateIsRefusedNamingTheFlag() throws Exception {
        new Throttle(0).acquire(Integer.MAX_VALUE);

        assertThatThrownBy(() -> new Throttle(-1)).hasMessage("--throttle: must be >= 0 docs/s (0 = unlimited), was -1");
    }
}
