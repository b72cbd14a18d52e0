package io.tandem.app.operate;

import io.tandem.core.cluster.ClusterSettings;
import io.tandem.ops.cutover.CheckResult;
import io.tandem.ops.cutover.CutoverMode;
import io.tandem.ops.cutover.CutoverOutcome;
import io.tandem.ops.cutover.CutoverSettings;
import io.tandem.ops.cutover.IndexSettingChange;
import io.tandem.ops.cutover.JournalEntry;
import io.tandem.ops.cutover.Precondition;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A cutover's checks, plan and outcome as the operator reads them. */
final class CutoverReport {

    private CutoverReport() {
    }

    static String render(CutoverOutcome outcome, ClusterSettings oldCluster, ClusterSettings newCluster,
                         String stateIndex) {
        CutoverSettings settings = outcome.plan().settings();
        StringBuilder text = new StringBuilder();
        line(text, "Cutover %s: %s -> %s (read alias %s, write alias %s)%s", settings.mode(), settings.oldIndex(),
                settings.newIndex(), settings.readAlias(), settings.writeAlias(), settings.dryRun() ? ", DRY RUN" : "");
        line(text, "Checks:");
        outcome.checks().forEach(check -> line(text, "  %s", check));
        line(text, "Plan:");
        List<String> steps = outcome.plan().steps();
        for (int i = 0; i < steps.size(); i++) {
            line(text, "  %d. %s", i + 1, steps.get(i));
        }
        String failing = outcome.failed().stream().map(CheckResult::check).map(Precondition::label)
                .collect(Collectors.joining(", "));
        switch (outcome.kind()) {
            case DRY_RUN -> line(text, "DRY RUN: nothing changed; the cutover %s",
                    failing.isEmpty() ? "would go ahead" : "would be REFUSED (failing: " + failing + ")");
            case REFUSED -> line(text, "REFUSED (failing: %s): nothing changed; journalled as %s in %s", failing,
                    outcome.entry().map(JournalEntry::id).orElse("?"), stateIndex);
            case SWITCHED -> switched(text, outcome, oldCluster, newCluster, stateIndex);
        }
        return text.toString();
    }

    private static void switched(StringBuilder text, CutoverOutcome outcome, ClusterSettings oldCluster,
                                 ClusterSettings newCluster, String stateIndex) {
        CutoverSettings settings = outcome.plan().settings();
        JournalEntry entry = outcome.entry().orElseThrow();
        line(text, "SWITCHED: the _aliases request took %.1f ms; now %s",
                entry.switchTime().orElse(Duration.ZERO).toNanos() / 1e6,
                entry.after().map(Object::toString).orElse("?"));
        for (IndexSettingChange change : entry.changes()) {
            line(text, "  %s", change);
        }
        outcome.warnings().forEach(warning -> line(text, "  WARNING %s", warning));
        line(text, "Journalled as %s in %s; undo with: tandem rollback --read-alias %s", entry.id(),
                stateIndex, settings.readAlias());
        if (settings.mode() == CutoverMode.CROSS_CLUSTER) {
            // the application's writes are commands on the topic, not requests to a cluster: only its searches move
            line(text, "Routing change the application must make now (the aliases exist on the new cluster only):");
            line(text, "  searches: %s index %s  ->  %s alias %s", oldCluster.urls(), settings.oldIndex(),
                    newCluster.urls(), settings.readAlias());
            line(text, "  writes:   none: they go on as commands on the topic, which the migration's consumer indexes "
                    + "into %s alias %s;", newCluster.urls(), settings.writeAlias());
            line(text, "            %s", settings.makeOldReadOnly()
                    ? "the old index is read-only now: the old indexer's writes to it fail, so a rollback returns to "
                    + "an index that misses the writes made since"
                    : "keep the old indexer writing " + oldCluster.urls() + " index " + settings.oldIndex()
                    + " by its name while a rollback must stay lossless; stopping it is the point of no return");
        }
    }

    private static void line(StringBuilder text, String format, Object... args) {
        text.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
    }
}
