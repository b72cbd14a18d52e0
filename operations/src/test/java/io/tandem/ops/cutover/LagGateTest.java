package io.tandem.ops.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LagGateTest {

    private final AtomicLong clock = new AtomicLong();

    /** A gate on a fake clock that advances by the poll interval on each wait, measuring {@code lags} in turn. */
    private LagGate gate(Duration zeroFor, Duration timeout, List<Long> lags) {
        Deque<Long> queue = new ArrayDeque<>(lags);
        return new LagGate(() -> queue.size() > 1 ? queue.poll() : queue.peek(),
                new LagGate.Settings(zeroFor, timeout, Duration.ofSeconds(1)), clock::get,
                duration -> clock.addAndGet(duration.toNanos()));
    }

    @Test
    void passesOnceTheLagStayedZeroForTheWholeStretch() throws InterruptedException {
        CheckResult result = gate(Duration.ofSeconds(3), Duration.ofSeconds(60), List.of(5L, 0L, 0L, 0L, 0L)).await();

        assertThat(result).isEqualTo(new CheckResult(Precondition.LAG, CheckStatus.PASS, "0 for PT3S (5 measurements)"));
        assertThat(clock.get()).isEqualTo(Duration.ofSeconds(4).toNanos());
    }

    @Test
    void anyLagStartsTheStretchAgain() throws InterruptedException {
        CheckResult result = gate(Duration.ofSeconds(2), Duration.ofSeconds(60), List.of(0L, 0L, 1L, 0L, 0L, 0L)).await();

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.measured()).isEqualTo("0 for PT2S (6 measurements)");
    }

    @Test
    void failsWithTheLastAndLargestLagWhenZeroNeverHeldLongEnough() throws InterruptedException {
        CheckResult result = gate(Duration.ofSeconds(2), Duration.ofSeconds(5), List.of(7L, 0L, 9L, 0L, 3L)).await();

        assertThat(result).isEqualTo(new CheckResult(Precondition.LAG, CheckStatus.FAIL,
                "3 at the last of 6 measurements (up to 9); 0 did not hold for PT2S within PT5S"));
    }

    @Test
    void zeroDurationPassesOnTheFirstZero() throws InterruptedException {
        assertThat(gate(Duration.ZERO, Duration.ZERO, List.of(0L)).await().measured()).isEqualTo("0 for PT0S (1 measurements)");
        assertThat(gate(Duration.ZERO, Duration.ZERO, List.of(4L)).await().status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void aLagThatCannotBeMeasuredFails() throws InterruptedException {
        LagGate gate = new LagGate(() -> {
            throw new IllegalStateException("Kafka did not answer");
        }, new LagGate.Settings(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(100)));

        assertThat(gate.await()).isEqualTo(new CheckResult(Precondition.LAG, CheckStatus.FAIL,
                "cannot be measured: Kafka did not answer"));
        assertThat(gate.once().measured()).isEqualTo("cannot be measured: Kafka did not answer");
    }

    @Test
    void settingsAreCheckedNamingTheSetting() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LagGate.Settings(Duration.ofSeconds(10),
                Duration.ofSeconds(5), Duration.ofSeconds(1))).hasMessageStartingWith("timeout: must be at least zeroFor");
    }
}
