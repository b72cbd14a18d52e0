package io.tandem.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of indexer-app: the long-running consumer that replays the command topic into the new cluster, and the
 * operator commands. The consumer and each operator command arrive as subcommands with their issues (B, D, E, G).
 */
@Command(name = "tandem-indexer", mixinStandardHelpOptions = true, version = "Tandem indexer-app 0.1.0",
        description = "Replays the application's Kafka command topic into the new search cluster, idempotently, "
                + "and keeps indexing after the cutover.")
public final class IndexerCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new IndexerCommand()).execute(args));
    }

    @Override
    public void run() {
        // no subcommand given: show what there is
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
