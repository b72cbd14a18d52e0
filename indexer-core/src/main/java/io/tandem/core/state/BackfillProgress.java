package io.tandem.core.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How far the latest backfill into an index got, as its plan and slice checkpoints in the state index say.
 *
 * @param sourceIndex  the index the backfill copies from
 * @param targetIndex  the index it copies into
 * @param slices       how many slices the run was planned in
 * @param doneSlices   how many of them are checkpointed as finished without a failed document
 * @param documents    documents read by the slices read through (finished or with failures)
 * @param failedSlices how many slices were read through but left dead letters: not finished, a rerun copies them
 * @param failedDocuments the dead letters those slices left
 * @param plannedAt    when the latest run recorded its plan
 * @param lastFinished when the last slice finished, if any did
 */
public record BackfillProgress(String sourceIndex, String targetIndex, int slices, int doneSlices, long documents,
                               int failedSlices, long failedDocuments, Instant plannedAt,
                               Optional<Instant> lastFinished) {

    public BackfillProgress {
        Objects.requireNonNull(sourceIndex, "sourceIndex");
        Objects.requireNonNull(targetIndex, "targetIndex");
        Objects.requireNonNull(plannedAt, "plannedAt");
        Objects.requireNonNull(lastFinished, "lastFinished");
        if (slices < 1 || doneSlices < 0 || doneSlices > slices) {
            throw new IllegalArgumentException("done slices must be between 0 and " + slices + ", was " + doneSlices);
        }
    }

    /** Every slice of the plan is done. */
    public boolean finished() {
        return doneSlices == slices;
    }

    /**
     * e.g. {@code 4/4 slices done, 200,000 documents, old-messages -> messages-v2}; with failures, how many and how
     * to resolve them.
     */
    public String summary() {
        String summary = String.format(Locale.ROOT, "%d/%d slices done, %,d documents, %s -> %s", doneSlices, slices,
                documents, sourceIndex, targetIndex);
        if (failedSlices == 0) {
            return summary;
        }
        return summary + String.format(Locale.ROOT, "; %,d documents of %d slices failed and are in the dead letters:"
                + " fix the cause, then rerun the backfill (it copies those slices again)", failedDocuments, failedSlices);
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonMappers.PLAIN.createObjectNode();
        json.put("sourceIndex", sourceIndex);
        json.put("targetIndex", targetIndex);
        json.put("slices", slices);
        json.put("doneSlices", doneSlices);
        json.put("documents", documents);
        json.put("failedSlices", failedSlices);
        json.put("failedDocuments", failedDocuments);
        json.put("finished", finished());
        json.put("plannedAt", plannedAt.toString());
        json.put("lastFinished", lastFinished.map(Instant::toString).orElse(null));
        return json;
    }
}
