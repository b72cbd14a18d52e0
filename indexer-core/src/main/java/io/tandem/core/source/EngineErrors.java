package io.tandem.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.core.cluster.ClusterCondition;
import io.tandem.core.cluster.EngineCall;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reading what an engine says went wrong with a search. Whether a failed call may pass when tried again is not
 * decided here but by the one classification of engine errors, {@link ClusterCondition} (see {@link
 * EngineCall.Reply#mayPass()}), which the bulk writer uses too.
 */
final class EngineErrors {

    /** What every engine says, per shard, when a scroll's search context is gone (expired or freed). */
    static final String CONTEXT_MISSING = "search_context_missing_exception";

    private EngineErrors() {
    }

    /**
     * Whether a scroll's context is gone, anywhere in an error or in shard failures: the engines wrap it as the
     * error's {@code type}, a {@code root_cause}, a {@code caused_by} or a {@code failed_shards} reason (all shards
     * gone: HTTP 404), or as a {@code _shards.failures} reason of a 200 (some shards gone).
     *
     * @param node an {@code error} object or a {@code _shards.failures} array, never a page of documents (whose
     *             fields could be named "type" too)
     */
    static boolean contextMissing(JsonNode node) {
        if (node.isObject() && CONTEXT_MISSING.equals(node.path("type").asText())) {
            return true;
        }
        for (JsonNode child : node) {
            if (child.isContainerNode() && contextMissing(child)) {
                return true;
            }
        }
        return false;
    }

    /** The distinct reasons of {@code _shards.failures}, on one line: {@code type: reason; type: reason}. */
    static String shardFailures(JsonNode failures) {
        Set<String> reasons = new LinkedHashSet<>();
        for (JsonNode failure : failures) {
            JsonNode reason = failure.path("reason");
            reasons.add(reason.path("type").asText("?") + ": " + reason.path("reason").asText(reason.toString()));
        }
        String line = reasons.isEmpty() ? "no reason given" : String.join("; ", reasons);
        return line.replaceAll("\\s*\\R\\s*", " ");
    }
}
