package io.tandem.app.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private static final TopicPartition P0 = new TopicPartition("commands", 0);
    private static final TopicPartition P1 = new TopicPartition("commands", 1);

    private final OffsetTracker tracker = new OffsetTracker();

    @Test
    void nothingTrackedMeansNothingToCommit() {
        assertThat(tracker.committable()).isEmpty();
        assertThat(tracker.pendingCount()).isZero();
    }

    @Test
    void committableIsTheLowestPendingOffset() {
        track(P0, 10, 11, 12, 13);
        tracker.complete(P0, 10);
        tracker.complete(P0, 12);

        assertThat(tracker.committable()).containsExactly(Map.entry(P0, new OffsetAndMetadata(11)));
    }

    @Test
    void nothingCompletedCommitsTheFirstFetchedOffset() {
        track(P0, 10, 11);

        assertThat(tracker.committable()).containsExactly(Map.entry(P0, new OffsetAndMetadata(10)));
    }

    @Test
    void allCompletedCommitsPastTheLastTrackedOffset() {
        track(P0, 10, 11, 12);
        tracker.complete(P0, 12);
        tracker.complete(P0, 10);
        tracker.complete(P0, 11);

        assertThat(tracker.committable()).containsExactly(Map.entry(P0, new OffsetAndMetadata(13)));
    }

    @Test
    void outOfOrderCompletionAdvancesOnlyWhenTheGapCloses() {
        track(P0, 0, 1, 2, 3);
        tracker.complete(P0, 1);
        tracker.complete(P0, 2);
        tracker.complete(P0, 3);
        assertThat(tracker.committable().get(P0).offset()).isZero();

        tracker.complete(P0, 0);

        assertThat(tracker.committable().get(P0).offset()).isEqualTo(4);
    }

    @Test
    void gapsBetweenFetchedOffsetsAreAllowed() {
        // a compacted topic, or transaction markers, skip offsets
        track(P0, 3, 7, 12);
        tracker.complete(P0, 7);
        assertThat(tracker.committable().get(P0).offset()).isEqualTo(3);

        tracker.complete(P0, 3);
        assertThat(tracker.committable().get(P0).offset()).isEqualTo(12);

        tracker.complete(P0, 12);
        assertThat(tracker.committable().get(P0).offset()).isEqualTo(13);
    }

    @Test
    void partitionsAreIndependent() {
        track(P0, 0, 1);
        track(P1, 0, 1);
        tracker.complete(P1, 0);
        tracker.complete(P1, 1);

        assertThat(tracker.committable()).containsOnly(
                Map.entry(P0, new OffsetAndMetadata(0)), Map.entry(P1, new OffsetAndMetadata(2)));
    }

    @Test
    void onlyPartitionsThatAdvancedSinceTheLastCommitAreCommittable() {
        track(P0, 0, 1);
        track(P1, 0, 1);
        tracker.complete(P0, 0);
        tracker.complete(P1, 0);
        tracker.markCommitted(tracker.committable());
        assertThat(tracker.committable()).isEmpty();

        tracker.complete(P1, 1);

        assertThat(tracker.committable()).containsExactly(Map.entry(P1, new OffsetAndMetadata(2)));
    }

    @Test
    void committableIsRepeatedUntilMarkedCommitted() {
        track(P0, 0);
        tracker.complete(P0, 0);

        assertThat(tracker.committable()).isEqualTo(tracker.committable()).hasSize(1);
    }

    @Test
    void lateCommitCallbackDoesNotMoveTheMarkBack() {
        track(P0, 0, 1, 2);
        tracker.complete(P0, 0);
        tracker.complete(P0, 1);
        tracker.markCommitted(Map.of(P0, new OffsetAndMetadata(2)));
        tracker.markCommitted(Map.of(P0, new OffsetAndMetadata(1)));

        assertThat(tracker.committable()).isEmpty();
    }

    @Test
    void markCommittedIgnoresPartitionsNoLongerTracked() {
        tracker.markCommitted(Map.of(P0, new OffsetAndMetadata(5)));
        track(P0, 0);

        assertThat(tracker.committable()).containsExactly(Map.entry(P0, new OffsetAndMetadata(0)));
    }

    @Test
    void completingAnOffsetThatIsNotPendingChangesNothing() {
        track(P0, 0, 1);

        assertThat(tracker.complete(P0, 0)).isTrue();
        assertThat(tracker.complete(P0, 0)).isFalse();
        assertThat(tracker.complete(P0, 5)).isFalse();
        assertThat(tracker.complete(P1, 0)).isFalse();
        assertThat(tracker.committable()).containsExactly(Map.entry(P0, new OffsetAndMetadata(1)));
    }

    @Test
    void completionAfterForgetIsIgnored() {
        track(P0, 0, 1);
        tracker.forget(List.of(P0));

        assertThat(tracker.complete(P0, 0)).isFalse();
        assertThat(tracker.committable()).isEmpty();
    }

    @Test
    void forgetDropsThePartitionsPendingOffsetsAndCommitMark() {
        track(P0, 5, 6);
        tracker.complete(P0, 5);
        tracker.markCommitted(tracker.committable());
        track(P1, 5);

        tracker.forget(List.of(P0));

        assertThat(tracker.pendingCount()).isEqualTo(1);
        assertThat(tracker.committable()).containsOnlyKeys(P1);
        // reassigned later, the partition starts afresh, even below where it was
        track(P0, 2);
        assertThat(tracker.committable()).containsEntry(P0, new OffsetAndMetadata(2));
    }

    @Test
    void pendingCountIsTotalAndPerPartition() {
        track(P0, 0, 1, 2);
        track(P1, 7);
        tracker.complete(P0, 1);

        assertThat(tracker.pendingCount()).isEqualTo(3);
        assertThat(tracker.pendingCount(P0)).isEqualTo(2);
        assertThat(tracker.pendingCount(P1)).isEqualTo(1);
        assertThat(tracker.pendingCount(new TopicPartition("other", 0))).isZero();
    }

    @Test
    void trackingAnOffsetNotAboveTheLastIsRejected() {
        track(P0, 5);

        assertThatIllegalArgumentException().isThrownBy(() -> tracker.track(P0, 5))
                .withMessage("offset 5 of commands-0 tracked after 5: offsets are tracked in fetch order"
                        + " (forget the partition before seeking back)");
        assertThatIllegalArgumentException().isThrownBy(() -> tracker.track(P0, 4));
        assertThatIllegalArgumentException().isThrownBy(() -> tracker.track(P1, -1));
    }

    @Test
    void concurrentOutOfOrderCompletionNeverCommitsPastAnIncompleteOffset() throws Exception {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        int count = 10_000;
        LongStream.range(0, count).forEach(offset -> tracker.track(P0, offset));
        List<Long> order = new ArrayList<>(LongStream.range(0, count).boxed().toList());
        Collections.shuffle(order, random);
        // set before complete(): an offset the tracker saw completed is visibly done here
        AtomicIntegerArray done = new AtomicIntegerArray(count);
        AtomicInteger checks = new AtomicInteger();

        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> workers = new ArrayList<>();
        try {
            for (int w = 0; w < threads; w++) {
                List<Long> slice = order.subList(w * count / threads, (w + 1) * count / threads);
                Random workerRandom = new Random(seed + w);
                workers.add(pool.submit(() -> {
                    start.await();
                    List<String> violations = new ArrayList<>();
                    for (long offset : slice) {
                        done.set((int) offset, 1);
                        tracker.complete(P0, offset);
                        // no markCommitted here: it would hide unchanged offsets from committable() and so from the check
                        if (workerRandom.nextInt(50) == 0) {
                            check(done, violations, checks);
                        }
                    }
                    return violations;
                }));
            }
            start.countDown();
            for (Future<List<String>> worker : workers) {
                assertThat(worker.get(30, TimeUnit.SECONDS)).as("seed %d", seed).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(checks.get()).as("checks made while completing").isGreaterThan(20);
        assertThat(tracker.pendingCount()).isZero();
        assertThat(tracker.committable()).as("seed %d", seed).containsExactly(Map.entry(P0, new OffsetAndMetadata(count)));
    }

    /** Every offset below the committable one must be done. */
    private void check(AtomicIntegerArray done, List<String> violations, AtomicInteger checks) {
        OffsetAndMetadata committable = tracker.committable().get(P0);
        if (committable == null) {
            return;
        }
        checks.incrementAndGet();
        for (int offset = 0; offset < committable.offset(); offset++) {
            if (done.get(offset) == 0) {
                violations.add("committable " + committable.offset() + " passes incomplete offset " + offset);
                return;
            }
        }
    }

    private void track(TopicPartition partition, long... offsets) {
        for (long offset : offsets) {
            tracker.track(partition, offset);
        }
    }
}
