package io.tandem.app;

import io.tandem.cli.StateIndexOption;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** run's target index, its contract and the migration state kept beside it; run reads the fields directly. */
final class IndexOptions {

    @Option(names = {"--target-index", "--index"}, required = true,
            description = "The new index (or its write alias) on the target cluster; --index is its former name.")
    String index;

    @Option(names = "--mapping-file", required = true, paramLabel = "FILE",
            description = "The index definition kept in the repo ({\"settings\":..., \"mappings\":...}, dynamic: strict). "
                    + "The indexer refuses to start when the live mapping differs.")
    Path mappingFile;

    @Option(names = "--create-index", defaultValue = "false",
            description = "Create the index from --mapping-file when it does not exist (default: ${DEFAULT-VALUE}).")
    boolean createIndex;

    @Option(names = "--gc-deletes-window", defaultValue = "P7D", paramLabel = "DURATION",
            description = "How long the target keeps delete tombstones during the migration (index.gc_deletes), so a "
                    + "late backfill write can never resurrect a deleted document; raised when the migration starts, "
                    + "restored at cutover. Must cover the whole migration (default: ${DEFAULT-VALUE}).")
    Duration gcDeletesWindow;

    @Mixin
    StateIndexOption state;
}
