package io.tandem.app.redrive;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tandem redrive}: dead letters sent again through the copy path once their cause is fixed. */
@Command(name = "redrive",
        subcommands = {RedriveFileCommand.class, RedriveTopicCommand.class},
        description = "Sends dead letters again through the same copy path (transform, versioned write) once the "
                + "cause is fixed: the backfill's dead-letter file (file), the indexer's dead-letter topic (topic).")
public final class RedriveCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
