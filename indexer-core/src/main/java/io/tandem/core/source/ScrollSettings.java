package io.tandem.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.DotPath;
import io.tandem.core.json.PartialTree;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a {@link SlicedScrollReader} reads the source index. Every problem is an {@link IllegalArgumentException} with
 * a one-line message naming the setting.
 *
 * @param slices      how many independent parts the index is read in (each can be read by its own thread, and
 *                    redone alone when it fails); 1 reads it as a single plain scroll; {@link #PER_SHARD} (0) one
 *                    per primary shard, the most an engine slices cheaply (see {@link SlicedScrollReader})
 * @param pageSize    documents per scroll page, 1..10000, or {@link #AUTO_PAGE_SIZE} (0): as many as the index's
 *                    documents fit in about a few MiB, at most 5,000 ({@link ScrollPageSize})
 * @param keepAlive   how long the engine keeps a slice's scroll open between two pages: it must cover the longest
 *                    time a {@link PageHandler} blocks on one page, e.g. 5m
 * @param query       one query clause ({@code {"range":{...}}}) selecting the documents to read, or empty to read
 *                    them all; held as a private copy
 * @param withVersion whether each document carries its {@code _version}
 * @param beyondShards whether more slices than the index has primary shards are accepted: each slice then makes the
 *                    engine hash the {@code _id} of every document of a shard (measured: 22x the source's CPU with
 *                    3 slices on 1 shard), so they are refused unless asked for
 * @param parsedPaths the fields of each {@code _source} read into trees, the others kept as the engine sent them
 *                    (see {@link PartialTree}): what a copy's transform and version rule read; empty, every field
 */
public record ScrollSettings(int slices, int pageSize, Duration keepAlive, Optional<ObjectNode> query,
                             boolean withVersion, boolean beyondShards, Optional<Set<DotPath>> parsedPaths) {

    /** One slice per primary shard of the index. */
    public static final int PER_SHARD = 0;
    public static final int DEFAULT_SLICES = PER_SHARD;
    /** Pages sized by the reader from the index's stored size per document ({@link ScrollPageSize}). */
    public static final int AUTO_PAGE_SIZE = 0;
    public static final int DEFAULT_PAGE_SIZE = AUTO_PAGE_SIZE;
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofMinutes(5);

    /** The engines refuse a larger scroll page unless index.max_result_window was raised (10000 by default). */
    public static final int MAX_PAGE_SIZE = 10_000;

    public ScrollSettings {
        if (slices < 0) {
            throw new IllegalArgumentException("slices: must be 0 (one per primary shard) or more, was " + slices);
        }
        if (pageSize < AUTO_PAGE_SIZE || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize: must be between 1 and " + MAX_PAGE_SIZE + ", or 0 (sized "
                    + "from the index), was " + pageSize);
        }
        if (keepAlive == null || keepAlive.isNegative() || keepAlive.isZero() || keepAlive.getNano() % 1_000_000 != 0) {
            // the engines take a time value, of which milliseconds are the smallest unit
            throw new IllegalArgumentException("keepAlive: must be a positive whole number of milliseconds, was "
                    + keepAlive);
        }
        if (query == null) {
            throw new IllegalArgumentException("query: must not be null; Optional.empty() reads every document");
        }
        query = query.map(ScrollSettings::checkedClause);
        if (parsedPaths == null) {
            throw new IllegalArgumentException("parsedPaths: must not be null; Optional.empty() parses every field");
        }
        parsedPaths = parsedPaths.map(Set::copyOf);
    }

    /** One slice per shard, pages sized from the index kept alive 5 minutes, every document, without versions. */
    public static ScrollSettings defaults() {
        return new ScrollSettings(DEFAULT_SLICES, DEFAULT_PAGE_SIZE, DEFAULT_KEEP_ALIVE, Optional.empty(), false, false,
                Optional.empty());
    }

    /** A copy of the query clause: the settings stay as they were made whatever the caller does with it. */
    @Override
    public Optional<ObjectNode> query() {
        return query.map(ObjectNode::deepCopy);
    }

    public ScrollSettings withSlices(int slices) {
        return new ScrollSettings(slices, pageSize, keepAlive, query, withVersion, beyondShards, parsedPaths);
    }

    public ScrollSettings withPageSize(int pageSize) {
        return new ScrollSettings(slices, pageSize, keepAlive, query, withVersion, beyondShards, parsedPaths);
    }

    public ScrollSettings withKeepAlive(Duration keepAlive) {
        return new ScrollSettings(slices, pageSize, keepAlive, query, withVersion, beyondShards, parsedPaths);
    }

    /** Reads only the documents this query clause matches, e.g. {@code {"range":{"updated":{"lt":"now-1d"}}}}. */
    public ScrollSettings withQuery(ObjectNode clause) {
        if (clause == null) {
            throw new IllegalArgumentException("query: must not be null; withQuery(Optional.empty()) reads every document");
        }
        return withQuery(Optional.of(clause));
    }

    /** @param query a query clause, or empty for every document */
    public ScrollSettings withQuery(Optional<ObjectNode> query) {
        return new ScrollSettings(slices, pageSize, keepAlive, query, withVersion, beyondShards, parsedPaths);
    }

    public ScrollSettings withVersion(boolean withVersion) {
        return new ScrollSettings(slices, pageSize, keepAlive, query, withVersion, beyondShards, parsedPaths);
    }

    public ScrollSettings withBeyondShards(boolean beyondShards) {
        return new ScrollSettings(slices, pageSize, keepAlive, query, withVersion, beyondShards, parsedPaths);
    }

    public ScrollSettings withParsedPaths(Optional<Set<DotPath>> parsedPaths) {
        return new ScrollSettings(slices, pageSize, keepAlive, query, withVersion, beyondShards, parsedPaths);
    }

    /**
     * A query clause is an object with one field, the query's type, whose value is an object. The likeliest mistake,
     * passing a whole search body ({@code {"query":{...}}}), gets its own message.
     */
    private static ObjectNode checkedClause(ObjectNode clause) {
        if (clause.size() == 1) {
            Map.Entry<String, JsonNode> only = clause.properties().iterator().next();
            if (only.getKey().equals("query")) {
                throw new IllegalArgumentException("query: give the query clause itself, without the enclosing "
                        + "{\"query\":...}, was " + abbreviated(clause));
            }
            if (only.getValue().isObject()) {
                return clause.deepCopy();
            }
        }
        throw new IllegalArgumentException("query: must be one query clause such as {\"range\":{...}}, was "
                + abbreviated(clause));
    }

    private static String abbreviated(JsonNode node) {
        String text = node.toString();
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }
}
