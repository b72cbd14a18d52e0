package io.tandem.backfill;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the backfill job (issue C): copies the old index into the new one, transformed and versioned. */
@Command(name = "tandem-backfill", mixinStandardHelpOptions = true, version = "Tandem backfill 0.1.0",
        description = "Copies every document of an index in the old cluster into the new one, transformed, "
                + "in one version space with the live consumer.")
public final class BackfillCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BackfillCommand()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
