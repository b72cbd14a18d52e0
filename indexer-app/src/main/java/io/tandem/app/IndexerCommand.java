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
 * indexer-app's commands, listed here once: {@code run} is the long-running consumer; the operator commands (schema,
 * lag, verify, parity, cutover, rollback, status, redrive) are the others. Users run them as {@code tandem <command>}
 * (module cli's TandemCommand, which adds the backfill); this class runs them alone, as the tests do.
 */
@Command(name = CommandLines.NAME, version = "Tandem 0.1.0",
        subcommands = {RunCommand.class, SchemaCommand.class, LagCommand.class, VerifyCommand.class,
                ParityCommand.class, CutoverCommand.class, RollbackCommand.class, StatusCommand.class,
                RedriveCommand.class},
        description = "Replays the application's Kafka command topic into the new search cluster, idempotently, "
                + "and keeps indexing after the cutover.")
public final class IndexerCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** indexer-app's commands alone, as tests start the consumer in a child JVM. */
    public static void main(String[] args) {
        System.exit(execute(args, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** See {@link CommandLines#execute}. */
    public static int execute(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        return CommandLines.executeAlone(new IndexerCommand(), args, environment, out, err);
    }

    @Override
    public void run() {
        // no subcommand given: show what there is
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
