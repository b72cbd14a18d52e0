package io.tandem.app.source;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop: polls the command topic, feeds the pipeline, pauses while too much is pending, and commits only
 * offsets whose records are applied or dead-lettered — periodically, as soon as it has caught up, when partitions are
 * revoked, and on stop.
 * One thread owns the Kafka consumer; {@link #stop()} may be called from any thread (e.g. on SIGTERM).
 */
public final class CommandReplayer implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandReplayer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);

    private final Consumer<byte[], byte[]> consumer;
    private final RecordPipeline pipeline;
    private final OffsetTracker offsets;
    private final String topic;
    private final int maxPending;
    private final Duration commitInterval;
    private final MeterRegistry registry;
    private final Map<TopicPartition, Long> lag = new ConcurrentHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean polling;
    private volatile Throwable failure;
    private long lastCommitNanos = System.nanoTime();
    /** The offsets of the last commit sent, so that a caught-up loop sends each only once. */
    private Map<TopicPartition, OffsetAndMetadata> lastSent = Map.of();

    public CommandReplayer(Consumer<byte[], byte[]> consumer, RecordPipeline pipeline, OffsetTracker offsets,
                           String topic, int maxPending, Duration commitInterval, MeterRegistry registry) {
        this.consumer = consumer;
        this.pipeline = pipeline;
        this.offsets = offsets;
        this.topic = topic;
        this.maxPending = maxPending;
        this.commitInterval = commitInterval;
        this.registry = registry;
        Gauge.builder("tandem.consumer.pending", offsets, OffsetTracker::pendingCount)
                .description("records read but not yet applied or dead-lettered").register(registry);
    }

    @Override
    public void run() {
        try {
            try {
                consumer.subscribe(List.of(topic), new CommitOnRevoke());
                while (running) {
                    pollOnce();
                    throwIfFatal();
                }
            } catch (WakeupException e) {
                if (running) {
                    throw e;
                }
            }
            // graceful stop: finish what is in flight, commit it, leave the group
            pipeline.drain();
            try {
                commit(true);
            } catch (WakeupException pending) {
                // stop()'s wakeup came while no poll was under way: it fired here, once
                commit(true);
            }
            // a record lost while finishing makes this no clean stop either
            throwIfFatal();
        } catch (RuntimeException e) {
            failure = e;
            LOG.error("consumer stopped: {}", e.getMessage(), e);
        } finally {
            polling = false;
            consumer.close();
            stopped.countDown();
        }
    }

    /** A record that is neither applied nor dead-lettered stops the loop; nothing past it has been committed. */
    private void throwIfFatal() {
        Throwable fatal = pipeline.fatalError();
        if (fatal != null) {
            throw new IllegalStateException(fatal.getMessage() + "; stopped without committing past it", fatal);
        }
    }

    private void pollOnce() {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
        for (ConsumerRecord<byte[], byte[]> record : records) {
            pipeline.accept(record);
        }
        polling = true;
        applyBackpressure();
        updateLag();
        if (System.nanoTime() - lastCommitNanos >= commitInterval.toNanos() || caughtUp(records)) {
            commit(false);
        }
    }

    /**
     * The topic gave nothing new, everything read is settled, and that is not committed yet: committing now, not at
     * the next interval, lets the lag (and a cutover's lag gate, which waits on committed offsets while writes are
     * frozen) read zero as soon as it is. Only after a poll that found nothing, which waits out the poll timeout
     * (200 ms) unless records come: a trickle of commands commits at most that often, an idle consumer not at all.
     */
    private boolean caughtUp(ConsumerRecords<byte[], byte[]> records) {
        return records.isEmpty() && offsets.pendingCount() == 0 && !offsets.committable().equals(lastSent);
    }

    /** Pausing keeps the group membership alive (poll goes on) while the cluster catches up. */
    private void applyBackpressure() {
        Set<TopicPartition> assigned = consumer.assignment();
        long pending = offsets.pendingCount();
        if (pending >= maxPending && consumer.paused().size() < assigned.size()) {
            consumer.pause(assigned);
        } else if (pending <= maxPending / 2 && !consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    private void updateLag() {
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong current = consumer.currentLag(partition);
            if (current.isPresent()) {
                if (lag.put(partition, current.getAsLong()) == null) {
                    Gauge.builder("tandem.consumer.lag", lag, m -> m.getOrDefault(partition, 0L))
                            .tag("partition", Integer.toString(partition.partition()))
                            .description("records behind the end of the partition").register(registry);
                }
            }
        }
    }

    private void commit(boolean synchronous) {
        Map<TopicPartition, OffsetAndMetadata> committable = offsets.committable();
        lastCommitNanos = System.nanoTime();
        if (committable.isEmpty()) {
            return;
        }
        lastSent = committable;
        if (synchronous) {
            consumer.commitSync(committable);
            offsets.markCommitted(committable);
        } else {
            consumer.commitAsync(committable, (done, error) -> {
                if (error == null) {
                    offsets.markCommitted(done);
                } else {
                    // the next commit carries the same or later offsets
                    LOG.warn("offset commit failed, will retry with the next one: {}", error.getMessage());
                }
            });
        }
    }

    /** Asks the loop to finish in-flight work, commit and stop; returns at once. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    /** Waits until the loop has ended. */
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** True once the consumer has polled, until it stops: the readiness probe. */
    public boolean isPolling() {
        return polling;
    }

    /**
     * The liveness probe: false once a record is lost to the pipeline (from that moment, not only once the loop has
     * noticed and stopped) or the loop failed.
     */
    public boolean isHealthy() {
        return failure == null && pipeline.fatalError() == null;
    }

    /** Why the loop ended abnormally, if it did. */
    public Throwable failure() {
        return failure;
    }

    /** Total lag over assigned partitions as last measured. */
    public long totalLag() {
        return lag.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Before partitions go to another consumer: wait for their records and commit them, so the new owner does not
     * replay them needlessly (replaying would be harmless: writes are idempotent).
     */
    private final class CommitOnRevoke implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            pipeline.drain();
            try {
                commit(true);
            } catch (CommitFailedException | RebalanceInProgressException e) {
                // the group moved on without us (a broker restart, a session that expired): the partitions' new
                // owner replays from their last commit, which is harmless, writes being idempotent; stopping is not
                LOG.warn("could not commit {} before they moved to another owner ({}): they are replayed from their "
                        + "last commit", partitions, e.getMessage());
            }
            offsets.forget(partitions);
            partitions.forEach(lag::remove);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // already owned by another member: committing now would be refused
            offsets.forget(partitions);
            partitions.forEach(lag::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // consumption resumes from the committed offsets (earliest for a new group)
        }
    }
}
