package io.tandem.main;

import io.tandem.app.IndexerCommand;
import io.tandem.backfill.BackfillCommand;
import io.tandem.cli.CommandLines;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tandem <command>}: the one command line users run. Its commands are indexer-app's (run and the operator
 * commands, listed once in {@link IndexerCommand}) with the backfill second, after run, as a migration uses them.
 */
@Command(name = CommandLines.NAME, version = "Tandem 0.1.0",
        description = "Migrates a live search index to a new cluster with no downtime: 'run' replays the application's "
                + "Kafka command topic into the new index and stays its indexer, 'backfill' copies the old index beside "
                + "it, in one version space; the other commands prepare, check and switch. Exit status: 0 done, 1 a "
                + "check failed or a cutover was refused, 2 a wrong setting, 3 a cluster or Kafka could not be reached.")
public final class TandemCommand implements Runnable {

    @CommandLine.Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, System.getenv(), System.out, new PrintWriter(System.err, true)));
    }

    /** See {@link CommandLines#execute}; {@code out} is also where the backfill draws its progress. */
    public static int execute(String[] args, Map<String, String> environment, PrintStream out, PrintWriter err) {
        return CommandLines.execute(command(out), args, environment, new PrintWriter(out, true), err);
    }

    /** Every command of {@code tandem}, in the order a migration uses them. */
    public static CommandSpec command(PrintStream out) {
        CommandSpec tandem = CommandSpec.forAnnotatedObject(new TandemCommand());
        Map<String, CommandLine> indexer = new CommandLine(new IndexerCommand()).getSubcommands();
        indexer.forEach((name, command) -> {
            tandem.addSubcommand(name, new CommandLine(command.getCommandSpec().userObject()));
            if (name.equals("run")) {
                tandem.addSubcommand("backfill", new CommandLine(new BackfillCommand(out)));
            }
        });
        return tandem;
    }

    @Override
    public void run() {
        // no command given: show what there is
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
