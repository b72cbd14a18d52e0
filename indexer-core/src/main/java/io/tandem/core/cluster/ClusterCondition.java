package io.tandem.core.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an engine's error says about the cluster rather than about the request's content: the one classification of
 * engine errors, for a {@code _bulk} item, a {@code _bulk} request failing as a whole, a scroll page and any other
 * call ({@link EngineCall.Reply#condition()}). An error that is none of these is about the request itself (a
 * document the mapping refuses, an invalid query, a version conflict), which its caller judges.
 *
 * <p>Each condition says whether it may pass without Tandem being reconfigured ({@link Response#RETRY}: the caller
 * tries again, with backoff, for as long as it is willing to wait) or not ({@link Response#STOP}: the caller stops,
 * saying why, rather than give up on the work). Recognized from the error's {@code type}, a block's description and
 * the HTTP status, as Elasticsearch 7.10 and OpenSearch 2.19 answer them (the unit tests hold their answers):
 *
 * <table>
 * <caption>Cluster conditions</caption>
 * <tr><th>condition</th><th>the engine's answer</th><th>response</th></tr>
 * <tr><td>{@link #OVERLOADED}</td><td>429; {@code es_rejected_execution_exception}, {@code rejected_execution_exception},
 *     {@code circuit_breaking_exception}</td><td>retry</td></tr>
 * <tr><td>{@link #UNAVAILABLE}</td><td>5xx; {@code unavailable_shards_exception},
 *     {@code no_shard_available_action_exception}, {@code node_closed_exception}, {@code node_not_connected_exception},
 *     {@code process_cluster_event_timeout_exception}, {@code master_not_discovered_exception},
 *     {@code cluster_manager_not_discovered_exception}; a {@code SERVICE_UNAVAILABLE} block (no master, state not
 *     recovered)</td><td>retry</td></tr>
 * <tr><td>{@link #FLOOD_STAGE}</td><td>{@code cluster_block_exception} of the index's read-only-allow-delete block:
 *     429 {@code TOO_MANY_REQUESTS/12/disk usage exceeded flood-stage watermark, index has read-only-allow-delete
 *     block} ({@code FORBIDDEN/12/index read-only / allow delete (api)} before Elasticsearch 7.x)</td>
 *     <td>retry: the engine lifts the block itself once disk usage falls below the high watermark</td></tr>
 * <tr><td>{@link #WRITE_BLOCKED}</td><td>{@code cluster_block_exception}, 403: {@code FORBIDDEN/8/index write (api)}
 *     ({@code index.blocks.write}), {@code FORBIDDEN/5/index read-only (api)} ({@code index.blocks.read_only}),
 *     {@code FORBIDDEN/6/cluster read-only (api)}, {@code FORBIDDEN/13/cluster read-only / allow delete (api)}, any
 *     other block</td><td>retry: an operator sets and lifts it (a shrink, maintenance)</td></tr>
 * <tr><td>{@link #INDEX_CLOSED}</td><td>{@code index_closed_exception}, 400; a block {@code FORBIDDEN/4/index
 *     closed}</td><td>retry: an operator closes an index to change static settings, and opens it again</td></tr>
 * <tr><td>{@link #INDEX_MISSING}</td><td>{@code index_not_found_exception}, 404 (a write gets it only where the
 *     cluster does not create indices itself: {@code action.auto_create_index})</td><td>stop</td></tr>
 * <tr><td>{@link #NO_WRITE_INDEX}</td><td>{@code illegal_argument_exception} "no write index is defined for alias
 *     [...]", 400</td><td>stop</td></tr>
 * <tr><td>{@link #INVALID_INDEX_NAME}</td><td>{@code invalid_index_name_exception}, 400</td><td>stop</td></tr>
 * <tr><td>{@link #NOT_AUTHENTICATED}</td><td>401 (Elasticsearch: {@code security_exception}; OpenSearch's security
 *     plugin: a text such as {@code Unauthorized})</td><td>stop</td></tr>
 * <tr><td>{@link #NOT_AUTHORIZED}</td><td>403 {@code security_exception} ("action [indices:data/write/bulk[s]] is
 *     unauthorized for user [...]", "no permissions for [...] and User [...]"); any 403 that is not a block</td>
 *     <td>stop</td></tr>
 * </table>
 *
 * <p>A caller that stops on a {@link Response#STOP} condition does well to see it answered more than once first:
 * OpenSearch 2.19 has been seen to answer a rare, one-off 401 to valid credentials (opensearch-project/security#5544).
 */
public enum ClusterCondition {

    OVERLOADED(Response.RETRY, "the cluster is overloaded and refused the request for now",
            "it is tried again until the cluster takes it; if this persists, lower the load or give the cluster more "
                    + "resources"),
    UNAVAILABLE(Response.RETRY, "the cluster cannot serve requests for %s right now (a node, a shard or the master is "
            + "unavailable)", "it is tried again until the cluster is back"),
    FLOOD_STAGE(Response.RETRY, "%s is read-only because a disk passed the flood-stage watermark (read_only_allow_delete)",
            "it is tried again until the engine lifts the block, once disk usage falls below the high watermark: "
                    + "free disk space"),
    WRITE_BLOCKED(Response.RETRY, "%s is blocked for writes (index.blocks.write, index.blocks.read_only or a cluster "
            + "read-only block)", "it is tried again until the block is lifted (e.g. PUT /%s/_settings "
            + "{\"index.blocks.write\": null})"),
    INDEX_CLOSED(Response.RETRY, "%s is closed", "it is tried again until the index is opened (POST /%s/_open)"),
    INDEX_MISSING(Response.STOP, "%s does not exist, and the cluster does not create it (action.auto_create_index)",
            "create the index (or point Tandem at the right one) and start again"),
    NO_WRITE_INDEX(Response.STOP, "%s is an alias without a write index",
            "make one of its indices the write index (is_write_index) or name an index, and start again"),
    INVALID_INDEX_NAME(Response.STOP, "%s is not a valid index name", "name a valid index and start again"),
    NOT_AUTHENTICATED(Response.STOP, "the cluster does not accept the credentials (HTTP 401)",
            "fix the username/password or API key and start again"),
    NOT_AUTHORIZED(Response.STOP, "the cluster does not allow this user the request on %s (HTTP 403)",
            "grant the user the privileges (e.g. write/index on the index) and start again");

    /** What a caller does about a condition. */
    public enum Response {
        /** The condition may pass without Tandem being reconfigured: try again, with backoff. */
        RETRY,
        /** Nothing passes until someone changes the cluster or Tandem's settings: stop, saying why. */
        STOP
    }

    private static final Set<String> OVERLOAD_TYPES = Set.of("es_rejected_execution_exception",
            "rejected_execution_exception", "circuit_breaking_exception");

    private static final Set<String> UNAVAILABLE_TYPES = Set.of("unavailable_shards_exception",
            "no_shard_available_action_exception", "node_closed_exception", "node_not_connected_exception",
            "process_cluster_event_timeout_exception", "master_not_discovered_exception",
            "cluster_manager_not_discovered_exception");

    /** One block of a {@code cluster_block_exception}'s reason: {@code STATUS/id/description}. */
    private static final Pattern BLOCK = Pattern.compile("([A-Z_]+)/(\\d+)/([^;\\]]*)");

    private static final String NO_WRITE_INDEX_REASON = "no write index is defined for alias";

    private final Response response;
    private final String what;
    private final String remedy;

    ClusterCondition(Response response, String what, String remedy) {
        this.response = response;
        this.what = what;
        this.remedy = remedy;
    }

    public Response response() {
        return response;
    }

    /** Whether the condition may pass without Tandem being reconfigured ({@link Response#RETRY}). */
    public boolean retry() {
        return response == Response.RETRY;
    }

    /**
     * One sentence for a log line or an exception: what is wrong, then what happens or what to do, e.g.
     * {@code index 'books-v2' is closed: it is tried again until the index is opened (POST /books-v2/_open)}.
     *
     * @param index the index (or alias) the request was about, or {@code null} when unknown or several
     */
    public String describe(String index) {
        String subject = index == null ? "the index" : "index '" + index + "'";
        String path = index == null ? "<index>" : index;
        return String.format(Locale.ROOT, what, subject) + ": " + String.format(Locale.ROOT, remedy, path);
    }

    /**
     * The condition an engine's error reports, if it reports one.
     *
     * @param status the HTTP status of the answer, or of the {@code _bulk} item
     * @param error  the answer's (or the item's) {@code error}: an object with {@code type} and {@code reason}, the
     *               text a proxy or a security plugin answered, or a missing node
     * @return empty when the error is about the request itself, or is no error
     */
    public static Optional<ClusterCondition> of(int status, JsonNode error) {
        String type = error != null && error.isObject() ? error.path("type").asText("") : "";
        String reason = error != null && error.isObject() ? error.path("reason").asText("") : "";
        ClusterCondition byType = byType(status, type, reason);
        if (byType != null) {
            return Optional.of(byType);
        }
        if (status == 401) {
            return Optional.of(NOT_AUTHENTICATED);
        }
        if (status == 403) {
            return Optional.of(NOT_AUTHORIZED);
        }
        if (status == 429) {
            return Optional.of(OVERLOADED);
        }
        if (status >= 500) {
            return Optional.of(UNAVAILABLE);
        }
        return Optional.empty();
    }

    private static ClusterCondition byType(int status, String type, String reason) {
        if (OVERLOAD_TYPES.contains(type)) {
            return OVERLOADED;
        }
        if (UNAVAILABLE_TYPES.contains(type)) {
            return UNAVAILABLE;
        }
        return switch (type) {
            case "cluster_block_exception" -> block(reason);
            case "index_closed_exception" -> INDEX_CLOSED;
            case "index_not_found_exception" -> INDEX_MISSING;
            case "invalid_index_name_exception" -> INVALID_INDEX_NAME;
            case "security_exception" -> status == 401 ? NOT_AUTHENTICATED : NOT_AUTHORIZED;
            case "illegal_argument_exception" -> reason.startsWith(NO_WRITE_INDEX_REASON) ? NO_WRITE_INDEX : null;
            default -> null;
        };
    }

    /**
     * The condition of a {@code cluster_block_exception}, from the blocks its reason lists, e.g. {@code index [books]
     * blocked by: [FORBIDDEN/8/index write (api)];}. A block is never about the request's content: one this does not
     * know is taken as a write block.
     */
    private static ClusterCondition block(String reason) {
        ClusterCondition found = null;
        Matcher block = BLOCK.matcher(reason);
        while (block.find()) {
            ClusterCondition condition = blockCondition(block.group(1), Integer.parseInt(block.group(2)),
                    block.group(3).toLowerCase(Locale.ROOT));
            // several blocks: the one that needs someone to act decides
            if (found == null || condition.ordinal() > found.ordinal()) {
                found = condition;
            }
        }
        return found == null ? WRITE_BLOCKED : found;
    }

    private static ClusterCondition blockCondition(String status, int id, String description) {
        if (status.equals("SERVICE_UNAVAILABLE")) {
            return UNAVAILABLE; // 1 state not recovered / initialized, 2 no master
        }
        if (id == 4 && description.contains("closed")) {
            return INDEX_CLOSED;
        }
        if (id == 12 || description.contains("flood-stage")) {
            return FLOOD_STAGE; // the index's read_only_allow_delete, which the disk allocator sets and lifts
        }
        return WRITE_BLOCKED; // 5 index read-only, 6 cluster read-only, 8 index write, 13 cluster read-only / allow delete
    }
}
