package io.tandem.app;

import io.tandem.app.config.SettingsDefaultProvider;
import java.io.PrintWriter;
import java.util.Map;
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
        System.exit(execute(args, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Settings come from flags, then the environment, then the --config file. A wrong or missing setting is one
     * line naming it (exit 2); a refusal or failure at run time is one line saying why (exit 1).
     */
    static int execute(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new IndexerCommand()).setOut(out).setErr(err);
        try {
            cli.setDefaultValueProvider(SettingsDefaultProvider.fromArgs(args, environment));
        } catch (IllegalArgumentException e) {
            err.println("tandem-indexer: " + e.getMessage());
            return 2;
        }
        cli.setParameterExceptionHandler((e, arguments) -> {
            e.getCommandLine().getErr().println("tandem-indexer: " + e.getMessage().lines().findFirst().orElse("")
                    + " (see --help)");
            return 2;
        });
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
