package io.tandem.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How many scroll slices an index is read in, how many at once and how fast, for every command that scrolls a whole
 * index (the backfill, verify --full): the rule is {@link io.tandem.core.source.ScrollSlicing}'s, these are its flags.
 */
public final class SliceOptions {

    @Option(names = "--slices", defaultValue = "0", description = "Sliced-scroll slices an index is read in: the unit "
            + "of parallelism (and the backfill's unit of checkpoints and --worker shares). 0 = one per primary shard "
            + "of the index; more than its shards is refused, see --slices-beyond-shards (default: ${DEFAULT-VALUE}).")
    int slices;

    @Option(names = "--slices-beyond-shards", description = "Accept more --slices than an index has primary shards: "
            + "each slice then makes its cluster hash the _id of every document of a shard (measured: 22x the old "
            + "cluster's CPU with 3 slices on 1 shard).")
    boolean beyondShards;

    @Option(names = "--concurrency", defaultValue = "2",
            description = "Slices read at once by this process (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--throttle", defaultValue = "0", paramLabel = "DOCS_PER_S", description = "Read at most this "
            + "many documents per second from the old cluster (verify --full: documents of either index, each read or "
            + "looked up in the old one); 0 = unlimited (default: ${DEFAULT-VALUE}).")
    long throttle;

    /** The flag of each settings component these options set ({@code ScrollSettings}, {@code VerifySettings}). */
    public static final Map<String, String> FLAGS = Map.of("slices", "--slices", "beyondShards", "--slices-beyond-shards",
            "concurrency", "--concurrency", "throttle", "--throttle");

    public int slices() {
        return slices;
    }

    public boolean beyondShards() {
        return beyondShards;
    }

    public int concurrency() {
        return concurrency;
    }

    public long throttle() {
        return throttle;
    }
}
