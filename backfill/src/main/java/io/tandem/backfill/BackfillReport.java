package io.tandem.backfill;

import io.tandem.backfill.copy.BackfillCounters;
import io.tandem.core.copy.DeadLetterFile;
import io.tandem.core.sink.SettingChange;
import io.tandem.core.source.SourceCost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a backfill run did, printed at its end.
 *
 * @param outcome        how the run ended
 * @param slicesCopied   slices finished by this run
 * @param slicesSkipped  slices of this worker finished by an earlier run
 * @param sliceFailures  each failed slice with why it failed (redone by the next run)
 * @param tuning         settings changed on the target for the bulk load (all restored unless {@code tuningLeft})
 * @param tuningLeft     why the tuning was left in place, or null when it was restored
 * @param sourceCost     what reading the old cluster cost it
 */
public record BackfillReport(Outcome outcome, String source, String target, int slicesCopied, int slicesSkipped,
                             Map<Integer, String> sliceFailures, BackfillCounters.Snapshot counts, Duration duration,
                             List<SettingChange> tuning, String tuningLeft, DeadLetterFile deadLetters, boolean dryRun,
                             SourceCost sourceCost) {

    /** How a run ended. */
    public enum Outcome { COMPLETED, FAILED, INTERRUPTED }

    /** 0 only when every document of this worker's share was copied or refused as stale. */
    public int exitCode() {
        return outcome == Outcome.COMPLETED && counts.failed() == 0 && sliceFailures.isEmpty() ? 0 : 1;
    }

    public String render() {
        double seconds = Math.max(0.001, duration.toMillis() / 1000.0);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nBackfill %s -> %s: %s%s%n", source, target, outcome,
                dryRun ? " (dry run: nothing was written to " + target + ")" : ""));
        out.append(String.format(Locale.ROOT, "  slices       %d copied, %d skipped (finished earlier), %d failed%s%n",
                slicesCopied, slicesSkipped, sliceFailures.size(), counts.slicesReadAgain() == 0 ? ""
                        : "; " + counts.slicesReadAgain() + " read again in their chunks not finished (a scroll lost meanwhile)"));
        // the cause is what the operator must fix before the rerun: once per cause, with the slices it failed
        Map<String, List<Integer>> byReason = new TreeMap<>();
        sliceFailures.forEach((slice, reason) -> byReason.computeIfAbsent(reason, r -> new ArrayList<>()).add(slice));
        byReason.forEach((reason, slices) -> out.append("  failed       slice").append(slices.size() == 1 ? " " : "s ")
                .append(slices.stream().sorted().map(String::valueOf).collect(Collectors.joining(", ")))
                .append(": ").append(reason).append('\n'));
        out.append(String.format(Locale.ROOT, "  documents    %,d to copy, %,d read, %,d written, %,d stale, %,d failed%n",
                counts.total(), counts.read(), counts.written(), counts.stale(), counts.failed()));
        String retried = counts.retries() == 0 ? "" : String.format(Locale.ROOT,
                "; %,d writes sent again after the target refused them for a while (429, 5xx)", counts.retries());
        out.append(String.format(Locale.ROOT, "  throughput   %.1f s, %,.0f docs/s, %,.1f MiB sent in _bulk bodies%s%n",
                seconds, counts.read() / seconds, counts.bytes() / 1048576.0, retried));
        out.append("  source cost  ").append(sourceCost.render()).append('\n');
        if (!tuning.isEmpty()) {
            out.append("  bulk tuning  ").append(tuning.stream().map(SettingChange::toString).collect(Collectors.joining(", ")))
                    .append(tuningLeft == null ? " (restored)" : " (LEFT IN PLACE: " + tuningLeft + ")").append('\n');
        }
        out.append("  dead letters ").append(deadLetters.count() == 0 ? "none"
                : deadLetters.count() + (dryRun ? " would fail" : "") + ", in " + deadLetters.path()).append('\n');
        if (!dryRun && deadLetters.count() > 0) {
            out.append("  to resolve   fix the cause, then rerun the same command: the slices holding failed documents"
                    + " are copied again (the cutover refuses until they are)\n");
        }
        return out.toString();
    }
}
