package io.tandem.app.parity;

import io.tandem.ops.parity.Hits;
import io.tandem.ops.parity.Latency;
import io.tandem.ops.parity.ParityReport;
import io.tandem.ops.parity.QueryResult;
import java.util.List;
import java.util.Locale;

/** The parity report for a terminal: a line per query, its differences and notes under it, and the verdict. */
final class ParityReportText {

    private ParityReportText() {
    }

    static String render(ParityReport report) {
        int nameWidth = Math.max("QUERY".length(),
                report.results().stream().mapToInt(result -> result.query().name().length()).max().orElse(0));
        String row = "%-" + nameWidth + "s  %-9s  %-14s  %10s  %10s  %-22s  %s";
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Query parity of %s (old) and %s (new): %d queries, %d timed runs per"
                        + " index after %d warm-up runs%n%n", report.oldIndex(), report.newIndex(), report.results().size(),
                report.settings().timedRuns(), report.settings().warmupRuns()));
        text.append(String.format(Locale.ROOT, row, "QUERY", "ORDER", "OUTCOME", "OLD HITS", "NEW HITS",
                "OLD ms p50/p95/p99", "NEW ms p50/p95/p99")).append('\n');
        for (QueryResult result : report.results()) {
            text.append(String.format(Locale.ROOT, row, result.query().name(), result.query().order(),
                    result.passed() ? "same" : result.outcome().name(), total(result.oldHits()), total(result.newHits()),
                    latency(result.oldLatency()), latency(result.newLatency())).stripTrailing()).append('\n');
            result.differences().forEach(difference -> text.append("    ").append(difference).append('\n'));
            result.notes().forEach(note -> text.append("    note: ").append(note).append('\n'));
        }
        text.append('\n');
        if (report.passed()) {
            text.append("PASSED: all ").append(report.results().size()).append(" queries got the same answers.\n");
        } else {
            List<String> failed = report.results().stream().filter(result -> !result.passed())
                    .map(result -> result.query().name()).toList();
            text.append("FAILED: ").append(failed.size()).append(" of ").append(report.results().size())
                    .append(" queries did not get the same answers: ").append(String.join(", ", failed)).append(".\n");
        }
        return text.toString();
    }

    private static String total(Hits hits) {
        return hits == null ? "-" : hits.total().map(Object::toString).orElse("untracked");
    }

    private static String latency(Latency latency) {
        return latency == null ? "-" : String.format(Locale.ROOT, "%.1f/%.1f/%.1f", latency.p50Millis(),
                latency.p95Millis(), latency.p99Millis());
    }
}
