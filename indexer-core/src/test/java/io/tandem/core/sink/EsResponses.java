package io.tandem.core.sink;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code _bulk} answers shaped exactly as the Elasticsearch 7.x Bulk API reference documents them (OpenSearch 2.x
 * answers the same shapes): a 200 with {@code took}, {@code errors} and one {@code {"<action>": {...}}} item per
 * action, in order; item errors as {@code {"type": ..., "reason": ...}} beside the item's {@code status}; a request
 * failing as a whole as {@code {"error": {"root_cause": [...], "type": ..., "reason": ...}, "status": n}}.
 */
final class EsResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EsResponses() {
    }

    /** The 200 answer holding these items; {@code errors} is true when any item has an error. */
    static String bulk(List<String> items) {
        boolean errors = items.stream().anyMatch(item -> item.contains("\"error\""));
        return "{\"took\":30,\"errors\":" + errors + ",\"items\":[" + String.join(",", items) + "]}";
    }

    /** A successful index action: 201 created. */
    static String created(String index, String id, long version) {
        return item("index", index, id, "\"_version\":" + version + ",\"result\":\"created\","
                + "\"_shards\":{\"total\":1,\"successful\":1,\"failed\":0},\"_seq_no\":0,\"_primary_term\":1,"
                + "\"status\":201");
    }

    /** A successful index action over an existing document: 200 updated. */
    static String updated(String index, String id, long version) {
        return item("index", index, id, "\"_version\":" + version + ",\"result\":\"updated\","
                + "\"_shards\":{\"total\":1,\"successful\":1,\"failed\":0},\"_seq_no\":1,\"_primary_term\":1,"
                + "\"status\":200");
    }

    /** A successful delete: 200 deleted. */
    static String deleted(String index, String id, long version) {
        return item("delete", index, id, "\"_version\":" + version + ",\"result\":\"deleted\","
                + "\"_shards\":{\"total\":1,\"successful\":1,\"failed\":0},\"_seq_no\":2,\"_primary_term\":1,"
                + "\"status\":200");
    }

    /** A delete of an id the index does not hold: 404 with result not_found and no error. */
    static String deleteNotFound(String index, String id, long version) {
        return item("delete", index, id, "\"_version\":" + version + ",\"result\":\"not_found\","
                + "\"_shards\":{\"total\":1,\"successful\":1,\"failed\":0},\"_seq_no\":3,\"_primary_term\":1,"
                + "\"status\":404");
    }

    /** The engine holds {@code current}, which is not older than {@code provided}: 409. */
    static String versionConflict(String action, String index, String id, long current, long provided) {
        return error(action, index, id, 409, "version_conflict_engine_exception",
                "[" + id + "]: version conflict, current version [" + current
                        + "] is higher or equal to the one provided [" + provided + "]");
    }

    /** The reason of {@link #rejectedExecution}: Elasticsearch 7.10's indexing pressure message. */
    static final String REJECTED_EXECUTION_REASON = "rejected execution of coordinating operation "
            + "[coordinating_and_primary_bytes=0, replica_bytes=0, all_bytes=0, coordinating_operation_bytes=1234, "
            + "max_coordinating_and_primary_bytes=107374182]";

    /** The write thread pool or indexing pressure refused the item: 429. */
    static String rejectedExecution(String action, String index, String id) {
        return error(action, index, id, 429, "es_rejected_execution_exception", REJECTED_EXECUTION_REASON);
    }

    static String error(String action, String index, String id, int status, String type, String reason) {
        ObjectNode error = JSON.createObjectNode().put("type", type).put("reason", reason)
                .put("index_uuid", "aAsFqTI0Tc2W0LCWgPNrOA").put("shard", "0").put("index", index);
        return item(action, index, id, "\"status\":" + status + ",\"error\":" + error);
    }

    /**
     * An item failing with {@code errorJson} exactly as an engine answered it, e.g. one of
     * {@link io.tandem.core.cluster.EngineAnswers}.
     */
    static String itemError(String action, String index, String id, int status, String errorJson) {
        return item(action, index, id, "\"status\":" + status + ",\"error\":" + errorJson);
    }

    /** The body of a request failing as a whole. */
    static String requestError(int status, String type, String reason) {
        ObjectNode cause = JSON.createObjectNode().put("type", type).put("reason", reason);
        ObjectNode error = JSON.createObjectNode();
        error.putArray("root_cause").add(cause.deepCopy());
        error.setAll(cause);
        ObjectNode body = JSON.createObjectNode();
        body.set("error", error);
        body.put("status", status);
        return body.toString();
    }

    private static String item(String action, String index, String id, String fields) {
        return "{\"" + action + "\":{\"_index\":" + quote(index) + ",\"_type\":\"_doc\",\"_id\":" + quote(id) + ","
                + fields + "}}";
    }

    private static String quote(String text) {
        return JSON.getNodeFactory().textNode(text).toString();
    }
}
