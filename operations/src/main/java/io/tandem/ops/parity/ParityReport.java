package io.tandem.ops.parity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The result of a parity run: passed when every query got the same answer from both indices.
 *
 * <p>Kept in the state index under {@link #stateKey} as {@link #toJson()}, whose {@code passed}, {@code finishedAt}
 * (ISO-8601), {@code queries} and {@code failed} the cutover reads as one of its gates.
 */
public record ParityReport(String oldIndex, String newIndex, Instant startedAt, Instant finishedAt,
                           ParitySettings settings, List<QueryResult> results) {

    private static final String KEY_PREFIX = "parity/";

    public ParityReport {
        Objects.requireNonNull(oldIndex, "oldIndex");
        Objects.requireNonNull(newIndex, "newIndex");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(settings, "settings");
        results = List.copyOf(results);
    }

    /** The state-store key of the last parity report for {@code newIndex}. */
    public static String stateKey(String newIndex) {
        return KEY_PREFIX + newIndex;
    }

    /** Every query agreed; a run without queries proves nothing and does not pass. */
    public boolean passed() {
        return !results.isEmpty() && failed() == 0;
    }

    /** Queries that did not get the same answer, for whatever reason. */
    public int failed() {
        return (int) results.stream().filter(result -> !result.passed()).count();
    }

    public ObjectNode toJson() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode report = json.objectNode();
        report.put("passed", passed());
        report.put("finishedAt", finishedAt.toString());
        report.put("queries", results.size());
        report.put("failed", failed());
        report.put("startedAt", startedAt.toString());
        report.put("oldIndex", oldIndex);
        report.put("newIndex", newIndex);
        report.put("timedRuns", settings.timedRuns());
        report.put("warmupRuns", settings.warmupRuns());
        report.put("recheckAfter", settings.recheckAfter().toString());
        report.put("rechecks", settings.rechecks());
        ArrayNode array = report.putArray("results");
        for (QueryResult result : results) {
            ObjectNode entry = array.addObject();
            entry.put("name", result.query().name());
            entry.put("order", result.query().order().name());
            entry.put("outcome", result.outcome().name());
            result.differences().forEach(entry.putArray("differences")::add);
            result.notes().forEach(entry.putArray("notes")::add);
            side(entry.putObject("old"), result.oldHits(), result.oldLatency());
            side(entry.putObject("new"), result.newHits(), result.newLatency());
            if (result.translated() != null) {
                entry.set("translatedQuery", result.translated());
            }
        }
        return report;
    }

    private static void side(ObjectNode side, Hits hits, Latency latency) {
        if (hits != null) {
            hits.total().ifPresent(total -> side.put("total", total.value()).put("totalRelation", total.relation()));
            side.put("hits", hits.ids().size());
        }
        if (latency != null) {
            side.putObject("latencyMillis")
                    .put("p50", rounded(latency.p50Millis()))
                    .put("p95", rounded(latency.p95Millis()))
                    .put("p99", rounded(latency.p99Millis()));
        }
    }

    private static double rounded(double millis) {
        return Math.round(millis * 1000) / 1000.0;
    }
}
