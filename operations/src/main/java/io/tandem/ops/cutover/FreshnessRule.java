package io.tandem.ops.cutover;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * When the new index is fresh enough to switch readers to it. The question is not "is the lag zero" (under
 * non-stop writes it never stays so) but "is the new index at least as fresh as the index the application reads
 * now", whose indexer is itself a consumer of the topic with its own lag:
 * <ul>
 *   <li>with the old indexer's group: on every partition the migration's group has applied at least what the old
 *       group has, less {@code maxLagRecords} (0 by default: at or ahead of it), or, with {@code maxLagTime}, no
 *       record older than that is still to apply there. An old indexer that commits after every batch is ahead
 *       as often as not; the time allowance is how far back a reader may then see a document go at the switch,
 *       beyond the old indexer's own lag;</li>
 *   <li>without it: the migration's lag is bounded, in records (over all partitions) and/or in time (no record
 *       older than {@code maxLagTime} is still to apply); with neither bound, the lag must be 0, the strictest.</li>
 * </ul>
 *
 * @param oldGroup      the application's old indexer group, to compare with
 * @param maxLagRecords records the migration's group may be behind (the old group, or the end of the topic)
 * @param maxLagTime    how old the oldest record still to apply may be (with an old group: on a partition where
 *                      the migration's group is behind it)
 */
public record FreshnessRule(Optional<String> oldGroup, OptionalLong maxLagRecords, Optional<Duration> maxLagTime) {

    /** The lag must be 0. */
    public static final FreshnessRule LAG_ZERO = new FreshnessRule(Optional.empty(), OptionalLong.empty(), Optional.empty());

    public FreshnessRule {
        if (oldGroup == null || maxLagRecords == null || maxLagTime == null) {
            throw new IllegalArgumentException("oldGroup, maxLagRecords, maxLagTime: must not be null");
        }
        if (oldGroup.isPresent() && oldGroup.get().isBlank()) {
            throw new IllegalArgumentException("oldGroup: must not be blank");
        }
        if (maxLagRecords.isPresent() && maxLagRecords.getAsLong() < 0) {
            throw new IllegalArgumentException("maxLagRecords: must be zero or positive, was " + maxLagRecords.getAsLong());
        }
        if (maxLagTime.isPresent() && (maxLagTime.get().isNegative() || maxLagTime.get().toMillis() == 0
                && !maxLagTime.get().isZero())) {
            throw new IllegalArgumentException("maxLagTime: must be zero or a positive number of milliseconds, was "
                    + maxLagTime.get());
        }
    }

    /** Whether a sample must carry the offsets of the first recent records. */
    public boolean needsRecentOffsets() {
        return maxLagTime.isPresent();
    }

    public boolean holds(OffsetsSample sample) {
        if (oldGroup.isPresent()) {
            long allowed = maxLagRecords.orElse(0);
            return sample.partitions().stream().allMatch(p -> p.behindOld() <= allowed
                    || maxLagTime.isPresent() && onlyRecentToApply(p));
        }
        boolean records = maxLagRecords.isPresent() ? sample.lag() <= maxLagRecords.getAsLong()
                : maxLagTime.isPresent() || sample.lag() == 0;
        boolean time = maxLagTime.isEmpty() || sample.partitions().stream().allMatch(FreshnessRule::onlyRecentToApply);
        return records && time;
    }

    private static boolean onlyRecentToApply(OffsetsSample.PartitionOffsets partition) {
        return partition.applied() >= partition.firstRecent().orElseThrow(() -> new IllegalArgumentException(
                "the sample lacks the offsets of the recent records"));
    }

    /** What must hold, e.g. {@code at or ahead of old group app-indexer on every partition}. */
    public String requirement() {
        if (oldGroup.isPresent()) {
            return "at or ahead of old group " + oldGroup.get() + " on every partition"
                    + (maxLagRecords.orElse(0) > 0 ? " (less " + maxLagRecords.getAsLong() + " records)" : "")
                    + maxLagTime.map(t -> " or with no record older than " + t + " still to apply there").orElse("");
        }
        if (maxLagRecords.isEmpty() && maxLagTime.isEmpty()) {
            return "lag 0";
        }
        List<String> bounds = new ArrayList<>();
        maxLagRecords.ifPresent(r -> bounds.add("lag <= " + r + " records"));
        maxLagTime.ifPresent(t -> bounds.add("no record older than " + t + " still to apply"));
        return String.join(" and ", bounds);
    }
}
