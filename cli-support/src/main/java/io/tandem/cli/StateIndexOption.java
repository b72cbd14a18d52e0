package io.tandem.cli;

import io.tandem.core.state.StateStore;
import picocli.CommandLine.Option;

/** The state index: Tandem's own index on the target cluster, which every command of a migration reads or writes. */
public final class StateIndexOption {

    @Option(names = "--state-index",
            description = "Index on the target cluster holding Tandem's migration state: the migration record, the "
                    + "backfill's checkpoints and saved settings, verification and parity results, the cutover "
                    + "journal (default: ${DEFAULT-VALUE}).")
    String stateIndex = StateStore.DEFAULT_INDEX;

    public String name() {
        return stateIndex;
    }
}
