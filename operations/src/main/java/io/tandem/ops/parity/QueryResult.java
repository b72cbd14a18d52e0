package io.tandem.ops.parity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * One query's part of the report.
 *
 * @param query       the query as written for the old index
 * @param outcome     what became of it
 * @param differences for anything but {@link Outcome#SAME}: what differs, or why it could not be compared
 * @param notes       parts of the query left as they were although they may search the tags
 * @param translated  the body sent to the new index; null when untranslatable
 * @param oldHits     the old index's answer (the last one asked); null when not asked or refused
 * @param newHits     the new index's answer; null when not asked or refused
 * @param oldLatency  null when not timed
 * @param newLatency  null when not timed
 */
public record QueryResult(ParityQuery query, Outcome outcome, List<String> differences, List<String> notes,
                          ObjectNode translated, Hits oldHits, Hits newHits, Latency oldLatency, Latency newLatency) {

    public QueryResult {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(outcome, "outcome");
        differences = List.copyOf(differences);
        notes = List.copyOf(notes);
    }

    public boolean passed() {
        return outcome == Outcome.SAME;
    }
}
