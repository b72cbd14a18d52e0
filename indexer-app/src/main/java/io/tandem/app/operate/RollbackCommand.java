package io.tandem.app.operate;

import io.tandem.cli.Clusters;
import io.tandem.cli.SourceAndTargetOptions;
import io.tandem.cli.StateIndexOption;
import io.tandem.ops.cutover.CutoverMode;
import io.tandem.ops.cutover.JournalEntry;
import io.tandem.ops.cutover.Rollback;
import io.tandem.ops.cutover.RollbackOutcome;
import io.tandem.core.state.StateStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tandem rollback}: the aliases back as they were before the last cutover, atomically. */
@Command(name = "rollback",
        description = "Undo the last cutover of --read-alias from its journal: ONE atomic _aliases request restores "
                + "the read and write aliases exactly as they were before it (filters, routing, write index), then "
                + "index.gc_deletes of the new index is raised again to its migration window and a write block the "
                + "cutover put on the old index is lifted. Journalled like the cutover.")
public final class RollbackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    SourceAndTargetOptions clusterOptions;

    @Option(names = "--read-alias", required = true, description = "The read alias of the cutover to undo.")
    String readAlias;

    @Option(names = "--dry-run", description = "Print what the rollback would do; change nothing.")
    boolean dryRun;

    @Mixin
    StateIndexOption state;

    @Override
    public Integer call() throws Exception {
        Clusters clusters = clusterOptions.toSettings();
        PrintWriter out = spec.commandLine().getOut();
        try (Clusters.Connected clients = clusters.connect()) {
            RollbackOutcome outcome = new Rollback(clients.target(), clients.source(),
                    new StateStore(clients.target(), state.name()), readAlias, dryRun).run();
            JournalEntry cutover = outcome.undone();
            line(out, "Rollback of %s (%s %s -> %s at %s)%s", cutover.id(), cutover.mode(), cutover.oldIndex(),
                    cutover.newIndex(), cutover.at(), dryRun ? ", DRY RUN" : "");
            line(out, "  aliases now:      %s", outcome.current());
            line(out, "  restored to:      %s", cutover.before());
            line(out, "  POST /_aliases {\"actions\":%s}   (one atomic request)", outcome.actions());
            if (outcome.entry().isEmpty()) {
                cutover.changes().forEach(change -> line(out, "  then put back:    %s", change.reversed()));
                line(out, "DRY RUN: nothing changed");
                out.flush();
                return 0;
            }
            JournalEntry done = outcome.entry().get();
            line(out, "RESTORED: the _aliases request took %.1f ms; now %s",
                    done.switchTime().orElse(Duration.ZERO).toNanos() / 1e6, done.after().map(Object::toString).orElse("?"));
            done.changes().forEach(change -> line(out, "  %s", change));
            outcome.warnings().forEach(warning -> line(out, "  WARNING %s", warning));
            if (cutover.mode() == CutoverMode.CROSS_CLUSTER) {
                line(out, "Routing change the application must make now: back to %s index %s", clusters.source().urls(),
                        cutover.oldIndex());
            }
            out.flush();
            return outcome.warnings().isEmpty() ? 0 : 1;
        }
    }

    private static void line(PrintWriter out, String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
    }
}
