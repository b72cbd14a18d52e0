package io.tandem.app;

import io.tandem.app.config.SettingsDefaultProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of indexer-app: {@code run} is the long-running consumer; the operator commands (schema, lag, verify,
 * parity, cutover, rollback, status) join as subcommands with their issues.
 */
@Command(name = "tandem-indexer", mixinStandardHelpOptions = true, version = "Tandem indexer-app 0.1.0",
        subcommands = RunCommand.class,
        description = "Replays the application's Kafka command topic into the new search cluster, idempotently, "
                + "and keeps indexing after the cutover.")
public final class IndexerCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, System.getenv()));
    }

    /** Settings come from flags, then the environment, then the --config file; errors are one line. */
    static int execute(String[] args, java.util.Map<String, String> environment) {
        CommandLine cli = new CommandLine(new IndexerCommand());
        try {
            cli.setDefaultValueProvider(SettingsDefaultProvider.fromArgs(args, environment));
        } catch (IllegalArgumentException e) {
            cli.getErr().println("tandem-indexer: " + e.getMessage());
            return 2;
        }
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("tandem-indexer: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        // no subcommand given: show what there is
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
