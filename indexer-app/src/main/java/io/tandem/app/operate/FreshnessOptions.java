package io.tandem.app.operate;

import io.tandem.cli.SettingErrors;
import io.tandem.ops.cutover.FreshnessRule;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import picocli.CommandLine.Option;

/** When the new index counts as fresh enough to switch to: the cutover's lag check, and status's view of it. */
public final class FreshnessOptions {

    @Option(names = "--old-group", paramLabel = "GROUP", description = "The consumer group of the application's "
            + "old indexer, which keeps the index it reads now fresh. The new index is fresh enough when, on every "
            + "partition, the migration's group has applied at least what this group has (less --max-lag-records): "
            + "the check that holds while the application keeps writing.")
    String oldGroup;

    @Option(names = "--max-lag-records", paramLabel = "N", description = "Records the migration's group may be "
            + "behind: behind --old-group on each partition, or, without it, behind the topic's end over all "
            + "partitions. Without --old-group, --max-lag-records and --max-lag-time the lag must be 0, the strictest.")
    Long maxLagRecords;

    @Option(names = "--max-lag-time", paramLabel = "DURATION", description = "No record written longer ago than "
            + "this may be still to apply (by the records' timestamps), e.g. PT5S. With --old-group: a partition where "
            + "the migration's group is behind the old one passes on this bound, for an old indexer that commits after "
            + "every batch; it is how far back a reader may see a document go at the switch, beyond the old "
            + "indexer's own lag.")
    Duration maxLagTime;

    /** The flag of each {@link FreshnessRule} component. */
    static final Map<String, String> FLAGS = Map.of("oldGroup", "--old-group", "maxLagRecords", "--max-lag-records",
            "maxLagTime", "--max-lag-time");

    /** The rule; a bad combination is an error naming the flags. */
    FreshnessRule rule() {
        return SettingErrors.flagged(FLAGS, () -> new FreshnessRule(Optional.ofNullable(oldGroup),
                maxLagRecords == null ? OptionalLong.empty() : OptionalLong.of(maxLagRecords),
                Optional.ofNullable(maxLagTime)));
    }
}
