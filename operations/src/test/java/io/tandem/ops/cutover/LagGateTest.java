package io.tandem.ops.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LagGateTest {

    private static final FreshnessRule OLD_GROUP = new FreshnessRule(Optional.of("app-indexer"), OptionalLong.empty(),
            Optional.empty());

    private final AtomicLong clock = new AtomicLong();

    /** One partition: applied by the migration's group, the topic's end. */
    private static OffsetsSample lag(long applied, long end) {
        return new OffsetsSample(List.of(new OffsetsSample.PartitionOffsets(0, applied, OptionalLong.empty(), end,
                OptionalLong.empty())));
    }

    /** Two partitions, each: applied by the migration's group, by the old group, and the end. */
    private static OffsetsSample withOld(long applied0, long old0, long applied1, long old1, long end) {
        return new OffsetsSample(List.of(
                new OffsetsSample.PartitionOffsets(0, applied0, OptionalLong.of(old0), end, OptionalLong.empty()),
                new OffsetsSample.PartitionOffsets(1, applied1, OptionalLong.of(old1), end, OptionalLong.empty())));
    }

    /** A gate on a fake clock that advances by the poll interval on each wait, sampling {@code samples} in turn. */
    private LagGate gate(Duration holdFor, Duration timeout, FreshnessRule rule, List<OffsetsSample> samples) {
        Deque<OffsetsSample> queue = new ArrayDeque<>(samples);
        return new LagGate(asked -> queue.size() > 1 ? queue.poll() : queue.peek(),
                new LagGate.Settings(holdFor, timeout, Duration.ofSeconds(1), rule), clock::get,
                duration -> clock.addAndGet(duration.toNanos()));
    }

    @Test
    void passesOnceTheLagStayedZeroForTheWholeStretch() throws InterruptedException {
        CheckResult result = gate(Duration.ofSeconds(3), Duration.ofSeconds(60), FreshnessRule.LAG_ZERO,
                List.of(lag(5, 10), lag(10, 10), lag(10, 10), lag(12, 12), lag(12, 12))).await();

        assertThat(result).isEqualTo(new CheckResult(Precondition.LAG, CheckStatus.PASS,
                "lag 0 held for PT3S (5 measurements); lag 0 at the last: p0 12/12"));
        assertThat(clock.get()).isEqualTo(Duration.ofSeconds(4).toNanos());
    }

    @Test
    void anySampleWhereItDoesNotHoldStartsTheStretchAgain() throws InterruptedException {
        CheckResult result = gate(Duration.ofSeconds(2), Duration.ofSeconds(60), FreshnessRule.LAG_ZERO,
                List.of(lag(1, 1), lag(1, 1), lag(1, 2), lag(2, 2), lag(2, 2), lag(2, 2))).await();

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.measured()).startsWith("lag 0 held for PT2S (6 measurements)");
    }

    @Test
    void failsWithTheLastSampleAndTheLargestLagWhenItNeverHeldLongEnough() throws InterruptedException {
        CheckResult result = gate(Duration.ofSeconds(2), Duration.ofSeconds(5), FreshnessRule.LAG_ZERO,
                List.of(lag(0, 7), lag(7, 7), lag(7, 16), lag(16, 16), lag(16, 19))).await();

        assertThat(result).isEqualTo(new CheckResult(Precondition.LAG, CheckStatus.FAIL,
                "lag 0 did not hold for PT2S within PT5S; lag 3 at the last of 6 measurements (up to 9): p0 16/19"));
    }

    @Test
    void underNonStopWritesTheNewGroupAtOrAheadOfTheOldGroupPassesThoughTheLagNeverReachesZero()
            throws InterruptedException {
        // both groups trail the end by a batch, always; the new one is at or ahead of the old one on every partition
        CheckResult result = gate(Duration.ofSeconds(3), Duration.ofSeconds(60), OLD_GROUP, List.of(
                withOld(90, 95, 80, 80, 120), withOld(130, 128, 140, 131, 150), withOld(170, 160, 171, 171, 190),
                withOld(200, 199, 210, 205, 230), withOld(240, 240, 250, 244, 270))).await();

        assertThat(result).isEqualTo(new CheckResult(Precondition.LAG, CheckStatus.PASS,
                "at or ahead of old group app-indexer on every partition held for PT3S (5 measurements); lag 50 at "
                        + "the last: p0 240/270 old 240, p1 250/270 old 244"));
        assertThat(gate(Duration.ZERO, Duration.ofSeconds(3), FreshnessRule.LAG_ZERO,
                List.of(withOld(240, 240, 250, 244, 270))).await().status())
                .as("the same sample against lag 0").isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void behindTheOldGroupOnOnePartitionFailsUnlessWithinTheAllowance() throws InterruptedException {
        OffsetsSample behindOnP1 = withOld(100, 90, 100, 104, 110);

        assertThat(gate(Duration.ZERO, Duration.ofSeconds(2), OLD_GROUP, List.of(behindOnP1)).await().measured())
                .isEqualTo("at or ahead of old group app-indexer on every partition did not hold for PT0S within "
                        + "PT2S; lag 20 at the last of 3 measurements (up to 20): p0 100/110 old 90, p1 100/110 old 104");
        FreshnessRule allowing5 = new FreshnessRule(Optional.of("app-indexer"), OptionalLong.of(5), Optional.empty());
        assertThat(gate(Duration.ZERO, Duration.ZERO, allowing5, List.of(behindOnP1)).await().measured())
                .startsWith("at or ahead of old group app-indexer on every partition (less 5 records) held for PT0S");
    }

    @Test
    void withoutAnOldGroupTheLagIsBoundedInRecordsOverAllPartitions() {
        FreshnessRule upTo100 = new FreshnessRule(Optional.empty(), OptionalLong.of(100), Optional.empty());
        OffsetsSample sixty = new OffsetsSample(List.of(
                new OffsetsSample.PartitionOffsets(0, 10, OptionalLong.empty(), 40, OptionalLong.empty()),
                new OffsetsSample.PartitionOffsets(1, 10, OptionalLong.empty(), 40, OptionalLong.empty())));

        assertThat(upTo100.holds(sixty)).isTrue();
        assertThat(upTo100.holds(lag(0, 101))).isFalse();
        assertThat(upTo100.requirement()).isEqualTo("lag <= 100 records");
    }

    @Test
    void withoutAnOldGroupTheLagIsBoundedInTimeByTheFirstRecentRecord() {
        FreshnessRule fiveSeconds = new FreshnessRule(Optional.empty(), OptionalLong.empty(),
                Optional.of(Duration.ofSeconds(5)));
        // records from offset 50 on were written within the last 5 s
        OffsetsSample appliedUpTo50 = new OffsetsSample(List.of(
                new OffsetsSample.PartitionOffsets(0, 50, OptionalLong.empty(), 400, OptionalLong.of(50))));
        OffsetsSample appliedUpTo49 = new OffsetsSample(List.of(
                new OffsetsSample.PartitionOffsets(0, 49, OptionalLong.empty(), 400, OptionalLong.of(50))));

        assertThat(fiveSeconds.holds(appliedUpTo50)).as("only recent records to apply").isTrue();
        assertThat(fiveSeconds.holds(appliedUpTo49)).as("record 49 is older than 5 s").isFalse();
        assertThat(fiveSeconds.requirement()).isEqualTo("no record older than PT5S still to apply");
        assertThat(new FreshnessRule(Optional.empty(), OptionalLong.of(10), Optional.of(Duration.ofSeconds(5)))
                .holds(appliedUpTo50)).as("both bounds apply when both are given").isFalse();
    }

    @Test
    void zeroDurationPassesOnTheFirstGoodSample() throws InterruptedException {
        assertThat(gate(Duration.ZERO, Duration.ZERO, FreshnessRule.LAG_ZERO, List.of(lag(3, 3))).await().status())
                .isEqualTo(CheckStatus.PASS);
        assertThat(gate(Duration.ZERO, Duration.ZERO, FreshnessRule.LAG_ZERO, List.of(lag(0, 4))).await().status())
                .isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void offsetsThatCannotBeReadFail() throws InterruptedException {
        LagGate gate = new LagGate(rule -> {
            throw new IllegalStateException("Kafka did not answer");
        }, new LagGate.Settings(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(100),
                FreshnessRule.LAG_ZERO));

        assertThat(gate.await()).isEqualTo(new CheckResult(Precondition.LAG, CheckStatus.FAIL,
                "cannot be measured: Kafka did not answer"));
        assertThat(gate.once("another check failed").measured()).isEqualTo("cannot be measured: Kafka did not answer");
    }

    @Test
    void settingsAreCheckedNamingTheSetting() {
        assertThatThrownBy(() -> new LagGate.Settings(Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofSeconds(1), FreshnessRule.LAG_ZERO)).hasMessageStartingWith("timeout: must be at least holdFor");
    }

    @Test
    void withAnOldGroupAndALagTimeAPartitionBehindTheOldGroupPassesWhenOnlyRecentRecordsAreLeft() {
        FreshnessRule rule = new FreshnessRule(Optional.of("app"), OptionalLong.empty(), Optional.of(Duration.ofSeconds(1)));
        // p0 behind the old group by 5, with only records of the last second to apply; p1 ahead of it
        OffsetsSample behindButRecent = new OffsetsSample(List.of(
                new OffsetsSample.PartitionOffsets(0, 95, OptionalLong.of(100), 110, OptionalLong.of(90)),
                new OffsetsSample.PartitionOffsets(1, 60, OptionalLong.of(50), 70, OptionalLong.of(65))));
        // p0 behind the old group, with a record older than a second still to apply
        OffsetsSample behindAndOld = new OffsetsSample(List.of(
                new OffsetsSample.PartitionOffsets(0, 95, OptionalLong.of(100), 110, OptionalLong.of(96)),
                new OffsetsSample.PartitionOffsets(1, 60, OptionalLong.of(50), 70, OptionalLong.of(65))));

        assertThat(rule.holds(behindButRecent)).isTrue();
        assertThat(rule.holds(behindAndOld)).isFalse();
        assertThat(rule.needsRecentOffsets()).isTrue();
        assertThat(rule.requirement()).isEqualTo("at or ahead of old group app on every partition or with no record "
                + "older than PT1S still to apply there");
    }
}
