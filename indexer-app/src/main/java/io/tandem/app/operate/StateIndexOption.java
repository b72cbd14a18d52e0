package io.tandem.app.operate;

import picocli.CommandLine.Option;

/** The state index the operator commands read and write, beside the migration's data on the target cluster. */
public final class StateIndexOption {

    @Option(names = "--state-index", defaultValue = "tandem-state",
            description = "Index on the target cluster holding Tandem's migration state: checkpoints, verification "
                    + "results, the cutover journal (default: ${DEFAULT-VALUE}).")
    String stateIndex;

    public String name() {
        return stateIndex;
    }
}
