package io.tandem.core.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tandem.core.cluster.ClusterCondition;
import io.tandem.core.cluster.Urls;
import io.tandem.core.document.Operation;
import io.tandem.core.json.JsonMappers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.ResponseException;

/**
 * Reads what the engine answered to a {@code _bulk} request, as Elasticsearch 7+ and OpenSearch answer it, and
 * decides for each write: applied, stale, rejected, to be retried, or a reason to stop the writer.
 *
 * <p>A write is rejected only for a fault of its own document (the engine's 4xx about it: {@code
 * mapper_parsing_exception}, {@code strict_dynamic_mapping_exception}, {@code illegal_argument_exception} on a field,
 * an immense term, ...): that is final, and its caller dead-letters it. What an error says about the cluster instead
 * is read by the one classification of engine errors, {@link ClusterCondition} (whose class comment holds the table):
 * a condition that may pass (429, 5xx, a write block, disk flood stage, a closed index) is retried with backoff for
 * as long as it takes, because a dropped write would let the consumer commit past a change the new index never got;
 * one that does not pass until someone acts (a missing index where none is created, an alias without write index,
 * 401, 403 {@code security_exception}) stops the writer. Neither is ever a write's outcome: a closed target index
 * must not dead-letter every record until someone opens it. A 409 {@code version_conflict_engine_exception} is stale.
 */
final class BulkResponseClassifier {

    private static final int MAX_BODY_IN_REASON = 300;


    private BulkResponseClassifier() {
    }

    /**
     * One verdict per write, in order, from a 2xx {@code _bulk} response.
     *
     * @param writes the operation of each write, in the order of the request
     * @throws IllegalArgumentException when the response is not a bulk response for these writes (no items array, or
     *                                  not one item per write): the caller retries them all
     */
    static List<ItemVerdict> classifyItems(List<Operation> writes, JsonNode response) {
        JsonNode items = response.path("items");
        if (!items.isArray()) {
            throw new IllegalArgumentException("the _bulk response has no items array");
        }
        if (items.size() != writes.size()) {
            throw new IllegalArgumentException("the _bulk response has " + items.size() + " items for "
                    + writes.size() + " actions");
        }
        List<ItemVerdict> verdicts = new ArrayList<>(writes.size());
        for (int i = 0; i < writes.size(); i++) {
            // each item is {"<action>": {"_id": ..., "status": ..., "error": ...}}; the action is known from the request
            JsonNode item = items.get(i);
            JsonNode result = item.size() == 1 ? item.elements().next() : item.path(action(writes.get(i)));
            verdicts.add(classifyItem(writes.get(i), result));
        }
        return verdicts;
    }

    /** The verdict for one item result ({@code {"_id": ..., "status": ..., "result": ..., "error": ...}}). */
    static ItemVerdict classifyItem(Operation operation, JsonNode result) {
        int status = result.path("status").asInt(0);
        JsonNode error = result.path("error");
        String type = errorType(error);
        if (status >= 200 && status < 300 && error.isMissingNode()) {
            return ItemVerdict.APPLIED;
        }
        if (operation == Operation.DELETE && status == 404 && error.isMissingNode()) {
            // "result": "not_found": the id did not exist, yet with external versioning the engine keeps a tombstone
            // at this version, so an older upsert arriving later is still refused: the delete took effect
            return ItemVerdict.APPLIED;
        }
        String reason = reason(error, status);
        if (status == 409 && "version_conflict_engine_exception".equals(type)) {
            return new ItemVerdict(ItemVerdict.Disposition.STALE, reason);
        }
        Optional<ClusterCondition> condition = ClusterCondition.of(status, error);
        if (condition.isPresent()) {
            return new ItemVerdict(condition.get().retry() ? ItemVerdict.Disposition.RETRY
                    : ItemVerdict.Disposition.STOP, reason, condition.get());
        }
        if (status < 400) {
            // < 400 with an error, or no status at all, is not a shape the engines answer: safer to retry
            return new ItemVerdict(ItemVerdict.Disposition.RETRY, reason);
        }
        return new ItemVerdict(ItemVerdict.Disposition.REJECTED, reason);
    }

    /** The verdict for a request that failed as a whole, from the exception the REST client reported. */
    static RequestVerdict classifyFailure(Exception failure) {
        if (failure instanceof ResponseException responseException) {
            int status = responseException.getResponse().getStatusLine().getStatusCode();
            return classifyHttpFailure(status, body(responseException));
        }
        // connection refused or reset, socket or connect timeout, client trouble: nothing was decided about the writes
        return new RequestVerdict(RequestVerdict.Action.RETRY, describe(failure));
    }

    /**
     * The verdict for a non-2xx answer to the whole request. A cluster condition ({@link ClusterCondition}) is
     * retried or stops the writer, as it says: 429, 5xx and a cluster-wide block are retried, 401 and 403 stop it.
     * Otherwise 413 (body larger than http.max_content_length) and 400 (the engine found the request invalid, e.g. an
     * id over 512 bytes) depend on the writes, so the batch is split to isolate them; anything else (a proxy's 404,
     * say) is retried: nothing was decided about the writes.
     */
    static RequestVerdict classifyHttpFailure(int status, String body) {
        String reason = requestReason(status, body);
        Optional<ClusterCondition> condition = ClusterCondition.of(status, errorOf(body));
        if (condition.isPresent()) {
            return new RequestVerdict(condition.get().retry() ? RequestVerdict.Action.RETRY
                    : RequestVerdict.Action.STOP, reason, condition.get());
        }
        if (status == 413 || status == 400) {
            return new RequestVerdict(RequestVerdict.Action.SPLIT, reason);
        }
        return new RequestVerdict(RequestVerdict.Action.RETRY, reason);
    }

    /** The {@code error} of an engine's error body, a text node for a body that is not JSON, missing for none. */
    private static JsonNode errorOf(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode tree = JsonMappers.PLAIN.readTree(body);
            return tree == null ? MissingNode.getInstance() : tree.path("error");
        } catch (IOException notJson) {
            return TextNode.valueOf(body);
        }
    }

    /** {@code "<type>: <reason>"} of the error body engines send ({@code {"error": {...}, "status": n}}). */
    static String requestReason(int status, String body) {
        if (body != null && !body.isBlank()) {
            try {
                JsonNode error = JsonMappers.PLAIN.readTree(body).path("error");
                if (!error.isMissingNode()) {
                    return reason(error, status);
                }
            } catch (IOException notJson) {
                // a proxy's HTML page, say: quoted below
            }
            return "http_" + status + ": " + oneLine(body, MAX_BODY_IN_REASON);
        }
        return status == 413
                ? "http_413: the request is larger than the cluster accepts (http.max_content_length)"
                : "http_" + status;
    }

    private static String action(Operation operation) {
        return operation == Operation.UPSERT ? "index" : "delete";
    }

    private static String errorType(JsonNode error) {
        return error.isObject() ? error.path("type").asText(null) : null;
    }

    private static String reason(JsonNode error, int status) {
        if (error.isObject()) {
            return error.path("type").asText("http_" + status) + ": " + oneLine(error.path("reason").asText(""),
                    Integer.MAX_VALUE);
        }
        if (error.isTextual()) {
            return "http_" + status + ": " + oneLine(error.asText(), Integer.MAX_VALUE);
        }
        return "http_" + status;
    }

    private static String body(ResponseException e) {
        try {
            return e.getResponse().getEntity() == null ? ""
                    : EntityUtils.toString(e.getResponse().getEntity(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException unreadable) {
            return "";
        }
    }

    static String describe(Throwable failure) {
        String message = Urls.redactIn(failure.getMessage());
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + oneLine(message, MAX_BODY_IN_REASON));
    }

    private static String oneLine(String text, int max) {
        String line = text.replace('\r', ' ').replace('\n', ' ').strip();
        return line.length() <= max ? line : line.substring(0, max) + "...";
    }
}
