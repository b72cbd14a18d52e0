package io.tandem.app;

import io.tandem.app.operate.CutoverCommand;
import io.tandem.app.operate.LagCommand;
import io.tandem.app.operate.RollbackCommand;
import io.tandem.app.operate.StatusCommand;
import io.tandem.app.operate.VerifyCommand;
import io.tandem.app.parity.ParityCommand;
import io.tandem.app.redrive.RedriveCommand;
import io.tandem.app.schema.SchemaCommand;
import io.tandem.cli.CommandLines;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of indexer-app: {@code run} is the long-running consumer; the operator commands (schema, lag, verify,
 * parity, cutover, rollback, status, redrive) are its other subcommands.
 */
@Command(name = "tandem-indexer", version = "Tandem indexer-app 0.1.0",
        subcommands = {RunCommand.class, SchemaCommand.class, LagCommand.class, VerifyCommand.class,
                ParityCommand.class, CutoverCommand.class, RollbackCommand.class, StatusCommand.class,
                RedriveCommand.class},
        description = "Replays the application's Kafka command topic into the new search cluster, idempotently, "
                + "and keeps indexing after the cutover.")
public final class IndexerCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** See {@link CommandLines#execute}. */
    public static int execute(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        return CommandLines.execute("tandem-indexer", new IndexerCommand(), args, environment, out, err);
    }

    @Override
    public void run() {
        // no subcommand given: show what there is
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
