package io.tandem.ops.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencyTest {

    @Test
    void percentilesAreByNearestRank() {
        // 1 ms .. 20 ms, shuffled
        List<Long> nanos = LongStream.rangeClosed(1, 20).map(i -> ((i * 7) % 20 + 1) * 1_000_000).boxed().toList();
        assertThat(Latency.of(nanos)).isEqualTo(new Latency(20, 10.0, 19.0, 20.0));
    }

    @Test
    void oneRunIsEveryPercentile() {
        assertThat(Latency.of(List.of(1_500_000L))).isEqualTo(new Latency(1, 1.5, 1.5, 1.5));
    }

    @Test
    void noRunsHaveNoPercentiles() {
        assertThatIllegalArgumentException().isThrownBy(() -> Latency.of(List.of()));
    }
}
