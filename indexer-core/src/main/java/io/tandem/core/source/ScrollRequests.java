package io.tandem.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.cluster.EngineCall;
import java.time.Duration;
import java.util.BitSet;
import java.util.Optional;

/**
 * The endpoints and bodies of a sliced scroll over one index, and of the point-in-time search that replaces it on
 * Elasticsearch 9 ({@link SlicedScrollReader} says why). The scroll's are the same on every supported engine: 6.8
 * accepts the JSON bodies of 7.x for {@code /_search/scroll} and its DELETE without a deprecation warning.
 * Neither {@code rest_total_hits_as_int} nor {@code track_total_hits} is sent: {@link ScrollPage} reads both forms
 * of {@code hits.total}, and every engine refuses to stop counting hits in a scroll, so the total is exact. What
 * differs is only in the answers ({@code hits.total} a number on 6.8, an object after; hits of 6.8 carry a
 * {@code _type}, dropped because the target is typeless).
 *
 * <p>No {@code filter_path}: with one, the engines re-render each {@code _source} through their filtering JSON
 * generator, which reads decimals as doubles, so {@code 1.10} arrives as {@code 1.1} and
 * {@code 0.123456789012345678901} as {@code 0.12345678901234568}. Without it they send the bytes they store, and the
 * new cluster gets the {@code _source} the old one has, as it does from the consumer. The price is the hits'
 * {@code _index}, {@code _type}, {@code _score} and {@code sort}: about 55 bytes per document plus the index name
 * (measured on 7.10 and 6.8), against the 300 bytes or more of a typical document.
 */
final class ScrollRequests {

    static final String SCROLL_ENDPOINT = "/_search/scroll";
    /** Where a point in time's pages are searched (the index is the point in time's) and where it is closed. */
    static final String SEARCH_ENDPOINT = "/_search";
    static final String POINT_IN_TIME_ENDPOINT = "/_pit";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String indexPath;
    private final ScrollSettings settings;

    /** @param settings with a page size resolved ({@link ScrollPageSize}): the engines read {@code size: 0} as no hits */
    ScrollRequests(String index, ScrollSettings settings) {
        if (settings.pageSize() == ScrollSettings.AUTO_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize: not resolved against the index; see ScrollPageSize");
        }
        this.indexPath = "/" + EngineCall.segment(index);
        this.settings = settings;
    }

    /** Opens the scroll of one slice and returns its first page. */
    String openEndpoint() {
        return indexPath + "/_search?scroll=" + timeValue(settings.keepAlive());
    }

    /** Opens the scroll of the chunks {@code remaining} of one slice ({@link SliceChunks}) and returns its first page. */
    ObjectNode openBody(int slice, SliceChunks chunks, BitSet remaining) {
        ObjectNode body = JSON.objectNode();
        body.put("size", settings.pageSize());
        // index order: nothing to sort, and each shard resumes where it stopped; the order scrolls are made for
        body.putArray("sort").add("_doc");
        addSearch(body, slice, chunks, remaining, true);
        return body;
    }

    /** Opens a point in time over the index; its id is what the slice's pages are read from. */
    String pointInTimeEndpoint() {
        return indexPath + "/_pit?keep_alive=" + timeValue(settings.keepAlive());
    }

    /**
     * A page of a slice read from point in time {@code pitId}, sorted by {@code _shard_doc} (index order, the
     * cheapest tiebreaker), after the last hit of the previous page ({@code after}, null for the first). The first
     * page counts the slice's documents, for the check that all were read; the others do not count again.
     */
    ObjectNode pointInTimeBody(int slice, SliceChunks chunks, BitSet remaining, String pitId, JsonNode after) {
        ObjectNode body = JSON.objectNode();
        body.put("size", settings.pageSize());
        body.putObject("pit").put("id", pitId).put("keep_alive", timeValue(settings.keepAlive()));
        body.putArray("sort").addObject().put("_shard_doc", "asc");
        body.put("track_total_hits", after == null);
        if (after != null) {
            body.set("search_after", after);
        }
        addSearch(body, slice, chunks, remaining, after == null);
        return body;
    }

    /** For DELETE {@link #POINT_IN_TIME_ENDPOINT}: frees the point in time's search contexts on the engine now. */
    static ObjectNode closePointInTimeBody(String pitId) {
        return JSON.objectNode().put("id", pitId);
    }

    /**
     * The query, the slice, the versions and, for a slice in several chunks, each hit's {@code _seq_no} and (in the
     * {@code first} request) each chunk's documents, asked for alike by a scroll and a point-in-time search.
     */
    private void addSearch(ObjectNode body, int slice, SliceChunks chunks, BitSet remaining, boolean first) {
        Optional<ObjectNode> chunk = chunks.filter(remaining);
        Optional<ObjectNode> query = settings.query();
        if (query.isPresent() && chunk.isPresent()) {
            ArrayNode both = body.putObject("query").putObject("bool").putArray("filter");
            both.add(query.get());
            both.add(chunk.get());
        } else {
            query.or(() -> chunk).ifPresent(clause -> body.set("query", clause));
        }
        if (settings.slices() > 1) {
            // the engines refuse max = 1, and one slice is just the whole scroll
            body.putObject("slice").put("id", slice).put("max", settings.slices());
        }
        if (settings.withVersion()) {
            body.put("version", true);
        }
        if (chunks.count() > 1) {
            body.put("seq_no_primary_term", true);
            chunks.aggregation().filter(counting -> first).ifPresent(counting -> body.set("aggs", counting));
        }
    }

    /** The next page; renews the keep-alive. */
    ObjectNode continueBody(String scrollId) {
        ObjectNode body = JSON.objectNode();
        body.put("scroll", timeValue(settings.keepAlive()));
        body.put("scroll_id", scrollId);
        return body;
    }

    /** For DELETE {@link #SCROLL_ENDPOINT}: frees the slice's search contexts on the engine now. */
    static ObjectNode clearBody(String scrollId) {
        ObjectNode body = JSON.objectNode();
        body.putArray("scroll_id").add(scrollId);
        return body;
    }

    String countEndpoint() {
        return indexPath + "/_count";
    }

    ObjectNode countBody() {
        ObjectNode body = JSON.objectNode();
        settings.query().ifPresent(clause -> body.set("query", clause));
        return body;
    }

    /** An engine time value in the largest unit that is exact: 5m, 90s, 1500ms. */
    static String timeValue(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
