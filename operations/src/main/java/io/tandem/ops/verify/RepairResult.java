package io.tandem.ops.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a repair did to the persistent mismatches of a verification.
 *
 * @param copied          missing or different documents written again from the source (the copy won)
 * @param stale           copies the target refused because it holds a newer version (a live write, or a delete
 *                        tombstone): the target keeps its state, which the version space says is newer
 * @param deleted         extra documents deleted
 * @param changed         extra documents left alone because they changed between the check and the delete (a live
 *                        write the conditional delete must not remove)
 * @param agreeing        documents that agreed by the time of the repair
 * @param failures        {@code id: reason} of documents that could not be repaired
 */
public record RepairResult(int copied, int stale, int deleted, int changed, int agreeing, List<String> failures) {

    public RepairResult {
        failures = List.copyOf(failures);
    }

    /** Documents still not repaired. */
    public int unrepaired() {
        return stale + changed + failures.size();
    }

    public String summary() {
        return String.format(Locale.ROOT, "%d copied, %d deleted, %d already agreeing, %d stale (the target holds a newer "
                + "version), %d changed meanwhile (left alone), %d failed", copied, deleted, agreeing, stale, changed,
                failures.size());
    }

    ObjectNode toJson() {
        ObjectNode json = JsonMappers.PLAIN.createObjectNode();
        json.put("copied", copied);
        json.put("stale", stale);
        json.put("deleted", deleted);
        json.put("changed", changed);
        json.put("agreeing", agreeing);
        failures.forEach(json.putArray("failures")::add);
        return json;
    }

    static RepairResult fromJson(JsonNode json) {
        List<String> failures = new ArrayList<>();
        json.path("failures").forEach(f -> failures.add(f.asText()));
        return new RepairResult(json.path("copied").asInt(), json.path("stale").asInt(), json.path("deleted").asInt(),
                json.path("changed").asInt(), json.path("agreeing").asInt(), failures);
    }
}
