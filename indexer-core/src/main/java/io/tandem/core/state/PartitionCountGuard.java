package io.tandem.core.state;

import java.util.Objects;

/**
 * Stops a migration whose versions stopped being comparable: with versions taken from Kafka offsets, the order of a
 * document's commands is known only while they all sit in one partition, which repartitioning the topic breaks.
 */
public final class PartitionCountGuard {

    /**
     * @param recorded          the migration as it started
     * @param currentPartitions the topic's partition count now
     * @throws IllegalStateException when the count changed and versions come from the Kafka offset, with a one-line
     *                               message saying why that is unsafe and what to do
     */
    public void check(MigrationRecord recorded, int currentPartitions) {
        Objects.requireNonNull(recorded, "recorded");
        if (currentPartitions < 1) {
            throw new IllegalArgumentException("a topic has at least one partition, was " + currentPartitions);
        }
        if (currentPartitions == recorded.partitionCount() || !recorded.versionsFromKafkaOffset()) {
            return;
        }
        throw new IllegalStateException("topic '" + recorded.topic() + "' had " + recorded.partitionCount()
                + " partitions when the migration into '" + recorded.targetIndex() + "' started and has "
                + currentPartitions + " now, and versions come from the Kafka offset: offsets order a document's commands"
                + " only within one partition, so after repartitioning its commands may sit in two partitions and an"
                + " older command could win; restart the migration into a fresh index, or switch the version source to"
                + " the command's version field (" + MigrationRecord.COMMAND_FIELD + ")");
    }
}
