package io.tandem.core.source;

import io.tandem.core.cluster.NodesCpu;
import java.util.Locale;

/**
 * What reading the old cluster cost it during a run: the requests and pages of this process, and the CPU its
 * nodes spent meanwhile (their whole load, not only ours: on a busy cluster compare with a quiet period).
 *
 * @param requests  requests sent to the source, retries and clears included
 * @param pages     pages fetched
 * @param readBy    how they were read: {@code scroll} or {@code point in time} ({@link SlicedScrollReader#readsBy()})
 * @param cpuAfter  the nodes' CPU at the end
 * @param cpuBefore the nodes' CPU at the start
 */
public record SourceCost(long requests, long pages, String readBy, NodesCpu cpuAfter, NodesCpu cpuBefore) {

    /** The CPU milliseconds the source's nodes spent during the run, or -1 when they did not say. */
    public long cpuMillis() {
        return cpuAfter.since(cpuBefore);
    }

    /** One line, e.g. {@code 1,204 requests, 1,201 scroll pages, 4.2 CPU-s on its 1 node during the run}. */
    public String render() {
        String cpu;
        long millis = cpuMillis();
        if (millis >= 0) {
            cpu = String.format(Locale.ROOT, "%,.1f CPU-s on its %d node%s during the run (all its load)",
                    millis / 1000.0, cpuAfter.nodes(), cpuAfter.nodes() == 1 ? "" : "s");
        } else if (!cpuBefore.known() || !cpuAfter.known()) {
            cpu = "its CPU unknown: " + (cpuBefore.known() ? cpuAfter : cpuBefore).unknownBecause();
        } else {
            cpu = "its CPU unknown: its nodes changed during the run";
        }
        return String.format(Locale.ROOT, "%,d requests, %,d %s pages, %s", requests, pages, readBy, cpu);
    }
}
