package io.tandem.ops.cutover;

import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Where the migration's consumer group stands on each partition of the command topic, every number read in one
 * round of requests, so that the groups are compared at one moment.
 *
 * @param partitions one entry per partition, in partition order
 */
public record OffsetsSample(List<PartitionOffsets> partitions) {

    public OffsetsSample {
        partitions = List.copyOf(partitions);
    }

    /**
     * @param partition   the partition
     * @param applied     the migration group's committed offset: every record before it is in the new index (the
     *                    log start when the group committed none)
     * @param old         the old indexer group's committed offset, when one is compared
     * @param end         the partition's end offset
     * @param firstRecent the offset of the first record written within the allowed lag time (the end when there is
     *                    none), when a lag time is allowed
     */
    public record PartitionOffsets(int partition, long applied, OptionalLong old, long end, OptionalLong firstRecent) {

        /** Records not yet applied by the migration's group. */
        public long lag() {
            return Math.max(0, end - applied);
        }

        /** Records the old group applied that the migration's group has not (negative: the new group is ahead). */
        public long behindOld() {
            return old.isPresent() ? old.getAsLong() - applied : 0;
        }

        String describe() {
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "p%d %d/%d", partition, applied, end));
            old.ifPresent(o -> text.append(" old ").append(o));
            return text.toString();
        }
    }

    /** Records not yet applied by the migration's group, over every partition. */
    public long lag() {
        return partitions.stream().mapToLong(PartitionOffsets::lag).sum();
    }

    /** e.g. {@code p0 1200/1210 old 1195, p1 880/880 old 880}: applied/end, and the old group's offset. */
    public String describe() {
        return partitions.stream().map(PartitionOffsets::describe).collect(Collectors.joining(", "));
    }
}
