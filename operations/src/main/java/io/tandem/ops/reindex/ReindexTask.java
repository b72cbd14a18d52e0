package io.tandem.ops.reindex;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a reindex task as {@code GET /_tasks/<id>} answers it: how far it is, and, once completed, its result. The
 * same answer shape in Elasticsearch 7.x and OpenSearch 2.x.
 */
final class ReindexTask {

    private ReindexTask() {
    }

    static boolean completed(JsonNode task) {
        return task.path("completed").asBoolean(false);
    }

    /** Documents handled so far: written, refused as stale, deleted or skipped by the script. */
    static long done(JsonNode task) {
        JsonNode status = task.path("task").path("status");
        return status.path("created").asLong() + status.path("updated").asLong() + status.path("deleted").asLong()
                + status.path("version_conflicts").asLong() + status.path("noops").asLong();
    }

    static long total(JsonNode task) {
        return task.path("task").path("status").path("total").asLong();
    }

    /**
     * The result of a completed task. A task that stopped on an error has no {@code response}: its counts are the
     * last status, and the error is one more failure.
     */
    static ReindexResult result(JsonNode task) {
        JsonNode error = task.path("error");
        JsonNode counts = error.isMissingNode() ? task.path("response") : task.path("task").path("status");
        List<String> reasons = new ArrayList<>();
        counts.path("failures").forEach(failure -> reasons.add(failure(failure)));
        if (!error.isMissingNode()) {
            reasons.add("reindex stopped: " + describe(error));
        }
        Duration took = error.isMissingNode()
                ? Duration.ofMillis(counts.path("took").asLong())
                : Duration.ofNanos(task.path("task").path("running_time_in_nanos").asLong());
        return new ReindexResult(counts.path("total").asLong(), counts.path("created").asLong(),
                counts.path("updated").asLong(), counts.path("version_conflicts").asLong(), reasons.size(), reasons,
                took);
    }

    /** A bulk failure names the document ({@code cause}); a search failure the shard ({@code reason}). */
    private static String failure(JsonNode failure) {
        if (failure.has("cause")) {
            return failure.path("id").asText("?") + ": " + describe(failure.path("cause"));
        }
        String where = failure.path("index").asText("?") + (failure.has("shard") ? "[" + failure.path("shard").asText() + "]" : "");
        return where + ": " + describe(failure.path("reason"));
    }

    /** {@code type: reason}, then each {@code caused_by} in brackets: the root cause is often the useful part. */
    static String describe(JsonNode error) {
        if (error.isTextual()) {
            return error.asText();
        }
        StringBuilder text = new StringBuilder(error.path("type").asText("error") + ": " + error.path("reason").asText(""));
        for (JsonNode cause = error.path("caused_by"); cause.isObject(); cause = cause.path("caused_by")) {
            text.append(" (caused by ").append(cause.path("type").asText("error"));
            if (cause.hasNonNull("reason")) {
                text.append(": ").append(cause.path("reason").asText());
            }
            text.append(')');
        }
        return text.toString().replaceAll("\\s*\\R\\s*", " ");
    }
}
