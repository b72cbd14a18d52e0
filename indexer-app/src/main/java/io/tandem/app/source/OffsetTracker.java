package io.tandem.app.source;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offset of each partition may be committed while its records complete in any order, on any thread.
 *
 * <p>The poll loop tracks every record as it is fetched, before handing it on; whoever finishes a record (applied,
 * stale or dead-lettered) completes it. The offset to commit for a partition is its lowest still-pending offset, or
 * the last tracked offset + 1 when none is pending, so a commit never passes a record that is not done: after a crash
 * the new owner re-reads from there, and at worst re-applies records, which external versions make harmless.
 *
 * <p>Thread-safe. Offsets of a partition are tracked in fetch order; they may have gaps (compaction, transaction
 * markers). To re-read a partition from an earlier offset, {@link #forget} it first.
 */
public final class OffsetTracker {

    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private final Map<TopicPartition, PartitionOffsets> partitions = new HashMap<>();

    /**
     * Records that {@code offset} was fetched and is now pending.
     *
     * @throws IllegalArgumentException for a negative offset, or one not above the partition's last tracked offset
     */
    public void track(TopicPartition partition, long offset) {
        Objects.requireNonNull(partition, "partition");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
        synchronized (lock) {
            partitions.computeIfAbsent(partition, p -> new PartitionOffsets()).track(partition, offset);
        }
    }

    /**
     * Records that the record at {@code offset} is done.
     *
     * @return false when the offset was not pending: completed already, never tracked, or its partition was forgotten
     *         (a worker finishing after a rebalance), none of which may move a commit
     */
    public boolean complete(TopicPartition partition, long offset) {
        Objects.requireNonNull(partition, "partition");
        synchronized (lock) {
            PartitionOffsets offsets = partitions.get(partition);
            return offsets != null && offsets.pending.remove(offset);
        }
    }

    /**
     * The offset to commit for each partition whose committable offset advanced since the last
     * {@link #markCommitted}; empty when there is nothing new to commit.
     */
    public Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> committable = new HashMap<>();
        synchronized (lock) {
            partitions.forEach((partition, offsets) -> {
                long next = offsets.committable();
                if (next > offsets.committed) {
                    committable.put(partition, new OffsetAndMetadata(next));
                }
            });
        }
        return committable;
    }

    /**
     * Records offsets the broker accepted as committed. Partitions no longer tracked are ignored, and an offset below
     * one already marked does not move it back (a late commit callback).
     */
    public void markCommitted(Map<TopicPartition, OffsetAndMetadata> committed) {
        Objects.requireNonNull(committed, "committed");
        synchronized (lock) {
            committed.forEach((partition, offset) -> {
                PartitionOffsets offsets = partitions.get(partition);
                if (offsets != null) {
                    offsets.committed = Math.max(offsets.committed, offset.offset());
                }
            });
        }
    }

    /** Records fetched and not yet completed, over all partitions. */
    public int pendingCount() {
        synchronized (lock) {
            return partitions.values().stream().mapToInt(offsets -> offsets.pending.size()).sum();
        }
    }

    /** Records of {@code partition} fetched and not yet completed. */
    public int pendingCount(TopicPartition partition) {
        synchronized (lock) {
            PartitionOffsets offsets = partitions.get(partition);
            return offsets == null ? 0 : offsets.pending.size();
        }
    }

    /** Drops the partitions, pending offsets included, as on revoke or loss: another consumer reads them now. */
    public void forget(Collection<TopicPartition> gone) {
        Objects.requireNonNull(gone, "gone");
        synchronized (lock) {
            gone.forEach(partitions::remove);
        }
    }

    /** One partition's offsets; guarded by the tracker's lock. */
    private static final class PartitionOffsets {

        private final TreeSet<Long> pending = new TreeSet<>();
        private long lastTracked = -1;
        /** The last offset marked committed; -1 until one is, so that the first committable offset counts as advanced. */
        private long committed = -1;

        void track(TopicPartition partition, long offset) {
            if (offset <= lastTracked) {
                throw new IllegalArgumentException("offset " + offset + " of " + partition + " tracked after "
                        + lastTracked + ": offsets are tracked in fetch order (forget the partition before seeking back)");
            }
            pending.add(offset);
            lastTracked = offset;
        }

        long committable() {
            return pending.isEmpty() ? lastTracked + 1 : pending.first();
        }
    }
}
