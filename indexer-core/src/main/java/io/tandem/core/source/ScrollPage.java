package io.tandem.core.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import io.tandem.core.json.PartialTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One successful answer of a scroll or of a point-in-time search, as read from the engine's JSON, whichever engine:
 * {@code hits.total} is a number on Elasticsearch 6.x and {@code {"value":..,"relation":..}} after; the {@code _type}
 * of 6.x hits is not kept, the target being typeless.
 *
 * @param scrollId      the id to ask for the next page with: the scroll's, or the point in time's (engines may change
 *                      either between pages)
 * @param documents     the page, possibly empty (the end of the slice)
 * @param total         how many documents the whole scroll matches; -1 on a point in time's page that did not count
 *                      them (all but its first)
 * @param totalExact    whether {@code total} is exact rather than a lower bound (scrolls always count exactly)
 * @param timedOut      whether the engine stopped searching early and answered with what it had
 * @param failedShards  shards that did not answer, whose documents are missing from the page
 * @param shardFailures their reasons ({@code _shards.failures}), or a missing node
 * @param after         the sort values of the page's last hit, where a point in time's next page starts; missing for
 *                      a scroll's page and an empty one
 * @param aggregations  the answer's {@code aggregations} (a first page's, where the request asked), else missing
 */
record ScrollPage(String scrollId, List<SourceDocument> documents, long total, boolean totalExact, boolean timedOut,
                  int failedShards, JsonNode shardFailures, JsonNode after, JsonNode aggregations) {

    /** What an answer must hold: the field of the id to go on with, and whether it counts the documents. */
    enum Kind {
        SCROLL("_scroll_id", true), POINT_IN_TIME_FIRST("pit_id", true), POINT_IN_TIME_NEXT("pit_id", false);

        private final String idField;
        private final boolean counted;

        Kind(String idField, boolean counted) {
            this.idField = idField;
            this.counted = counted;
        }
    }

    /**
     * Reads a successful answer with the streaming parser: only each hit's {@code _source} becomes a tree, not the
     * hits around them, nor the whole answer. The same page, and the same failures, as {@link #parse} of the tree.
     *
     * @param label names the slice in messages, e.g. {@code slice 2 (of 4) of 'messages'}
     * @throws IllegalStateException as {@link #parse}, or when the answer is not JSON
     */
    static ScrollPage read(ScrollCalls.Answer answer, boolean withVersion, String label) {
        return read(answer, Kind.SCROLL, withVersion, PartialTree.whole(JsonMappers.SOURCE), label);
    }

    /**
     * As {@link #read(ScrollCalls.Answer, boolean, String)}, for an answer of the {@code kind} given, each
     * {@code _source} read by {@code sources} (the fields a copy does not read are kept as the engine sent them).
     */
    static ScrollPage read(ScrollCalls.Answer answer, Kind kind, boolean withVersion, PartialTree sources,
                           String label) {
        try (JsonParser parser = JsonMappers.SOURCE.createParser(answer.body())) {
            Streamed page = new Streamed(answer.body(), kind, withVersion, sources, label);
            if (parser.nextToken() != JsonToken.START_OBJECT || !page.read(parser)) {
                // no id or total: parse fails the same way, quoting the answer
                return parse(answer.reply().body(), kind, withVersion, label);
            }
            return page.page();
        } catch (IOException e) {
            throw new IllegalStateException(answer.request() + ": unreadable answer: " + e.getMessage(), e);
        }
    }

    /** What {@link #read} collects from the answer's fields, in whatever order they come. */
    private static final class Streamed {

        private final byte[] json;
        private final Kind kind;
        private final boolean withVersion;
        private final PartialTree sources;
        private final String label;
        private JsonNode scrollId = MissingNode.getInstance();
        private JsonNode total = MissingNode.getInstance();
        private JsonNode timedOut = MissingNode.getInstance();
        private JsonNode shards = MissingNode.getInstance();
        private JsonNode aggregations = MissingNode.getInstance();
        private final List<SourceDocument> documents = new ArrayList<>();
        /** The sort values of the last hit read. */
        private JsonNode after = MissingNode.getInstance();
        /** The first hit that cannot be copied: thrown once the page's own fields are checked, as parse does. */
        private IllegalStateException badHit;

        Streamed(byte[] json, Kind kind, boolean withVersion, PartialTree sources, String label) {
            this.json = json;
            this.kind = kind;
            this.withVersion = withVersion;
            this.sources = sources;
            this.label = label;
        }

        /** Reads the answer's object; false when it lacks its id, or a total it must have. */
        boolean read(JsonParser parser) throws IOException {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals(kind.idField)) {
                    scrollId = JsonMappers.SOURCE.readTree(parser);
                    continue;
                }
                switch (field) {
                    case "timed_out" -> timedOut = JsonMappers.SOURCE.readTree(parser);
                    case "_shards" -> shards = JsonMappers.SOURCE.readTree(parser);
                    case "aggregations" -> aggregations = JsonMappers.SOURCE.readTree(parser);
                    case "hits" -> {
                        if (value == JsonToken.START_OBJECT) {
                            readHits(parser);
                        } else {
                            parser.skipChildren();
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            boolean counted = total.isNumber() || total.path("value").isNumber();
            return !scrollId.asText("").isEmpty() && (counted || !kind.counted);
        }

        ScrollPage page() {
            if (badHit != null) {
                throw badHit;
            }
            return new ScrollPage(scrollId.asText(), Collections.unmodifiableList(documents),
                    kind.counted ? totalValue(total) : -1, totalExact(total), timedOut.asBoolean(false),
                    shards.path("failed").asInt(0), shards.path("failures"), after, aggregations);
        }

        private void readHits(JsonParser parser) throws IOException {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("total")) {
                    total = JsonMappers.SOURCE.readTree(parser);
                } else if (field.equals("hits") && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        add(parser);
                    }
                } else if (field.equals("hits")) {
                    // not an array, which no engine sends: read as parse reads it
                    for (JsonNode hit : JsonMappers.SOURCE.<JsonNode>readTree(parser)) {
                        documents.add(document(hit, withVersion, label));
                        after = hit.path("sort");
                    }
                } else {
                    parser.skipChildren();
                }
            }
        }

        /** One element of {@code hits.hits}, the parser on its first token, left on its last. */
        private void add(JsonParser parser) throws IOException {
            try {
                SourceDocument document;
                after = MissingNode.getInstance(); // the last hit's sort values, not an earlier hit's
                if (parser.currentToken() == JsonToken.START_OBJECT) {
                    document = document(parser, json, withVersion, label, this);
                } else {
                    JsonNode hit = JsonMappers.SOURCE.readTree(parser);
                    document = document(hit, withVersion, label);
                    after = hit.path("sort");
                }
                if (badHit == null) {
                    documents.add(document);
                }
            } catch (IllegalStateException e) {
                badHit = badHit == null ? e : badHit;
            }
        }
    }

    /**
     * One hit read field by field, the parser on its {@code START_OBJECT}, left on its {@code END_OBJECT}; its sort
     * values go to {@code page}. Only a hit that fails is read again as a whole, to be quoted.
     */
    private static SourceDocument document(JsonParser parser, byte[] json, boolean withVersion, String label,
                                           Streamed page) throws IOException {
        long start = parser.currentTokenLocation().getByteOffset();
        JsonNode id = MissingNode.getInstance();
        JsonNode source = MissingNode.getInstance();
        JsonNode version = MissingNode.getInstance();
        long seqNo = SourceDocument.NO_SEQ_NO;
        long sourceStart = -1;
        long sourceEnd = -1;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "_id" -> id = JsonMappers.SOURCE.readTree(parser);
                case "_source" -> {
                    sourceStart = parser.currentTokenLocation().getByteOffset();
                    source = page.sources.read(parser, json);
                    sourceEnd = parser.currentLocation().getByteOffset();
                }
                case "_version" -> version = JsonMappers.SOURCE.readTree(parser);
                case "_seq_no" -> {
                    if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                        seqNo = parser.getLongValue();
                    } else {
                        parser.skipChildren();
                    }
                }
                case "sort" -> page.after = JsonMappers.SOURCE.readTree(parser);
                default -> parser.skipChildren();
            }
        }
        if (id.isTextual() && source.isObject() && (!withVersion || version.isIntegralNumber())) {
            return new SourceDocument(id.asText(), (ObjectNode) source,
                    withVersion ? OptionalLong.of(version.asLong()) : OptionalLong.empty(),
                    Optional.of(new SourceJson(json, (int) sourceStart, (int) (sourceEnd - sourceStart))), seqNo);
        }
        long end = parser.currentLocation().getByteOffset();
        return document(JsonMappers.SOURCE.readTree(json, (int) start, (int) (end - start)), withVersion, label);
    }

    /** @param label names the slice in messages, e.g. {@code slice 2 (of 4) of 'messages'} */
    static ScrollPage parse(JsonNode body, boolean withVersion, String label) {
        return parse(body, Kind.SCROLL, withVersion, label);
    }

    static ScrollPage parse(JsonNode body, Kind kind, boolean withVersion, String label) {
        String scrollId = body.path(kind.idField).asText("");
        if (scrollId.isEmpty()) {
            throw new IllegalStateException(label + ": the engine answered without a " + kind.idField + ": "
                    + abbreviated(body));
        }
        JsonNode hits = body.path("hits");
        JsonNode total = hits.path("total");
        if (kind.counted && !total.isNumber() && !total.path("value").isNumber()) {
            // the reader checks at the end of a slice that it read them all: without the number it could not
            throw new IllegalStateException(label + ": the engine answered without hits.total: " + abbreviated(body));
        }
        List<SourceDocument> documents = new ArrayList<>(hits.path("hits").size());
        JsonNode after = MissingNode.getInstance();
        for (JsonNode hit : hits.path("hits")) {
            documents.add(document(hit, withVersion, label));
            after = hit.path("sort");
        }
        JsonNode shards = body.path("_shards");
        return new ScrollPage(scrollId, Collections.unmodifiableList(documents), kind.counted ? totalValue(total) : -1,
                totalExact(total), body.path("timed_out").asBoolean(false), shards.path("failed").asInt(0),
                shards.path("failures"), after, body.path("aggregations"));
    }

    /** {@code hits.total}: a number on Elasticsearch 6.x, {@code {"value":..,"relation":..}} after. */
    private static long totalValue(JsonNode total) {
        return total.isNumber() ? total.asLong() : total.path("value").asLong();
    }

    private static boolean totalExact(JsonNode total) {
        return total.isNumber() || total.path("relation").asText("eq").equals("eq");
    }

    private static SourceDocument document(JsonNode hit, boolean withVersion, String label) {
        JsonNode id = hit.path("_id");
        if (!id.isTextual()) {
            throw new IllegalStateException(label + ": the engine answered a hit without an _id: " + abbreviated(hit));
        }
        JsonNode source = hit.path("_source");
        if (!source.isObject()) {
            // skipping it would lose the document in the new cluster without anyone noticing
            throw new IllegalStateException(label + ": document '" + id.asText() + "' came without its _source (the "
                    + "index does not store it): it cannot be copied");
        }
        OptionalLong version = OptionalLong.empty();
        if (withVersion) {
            JsonNode number = hit.path("_version");
            if (!number.isIntegralNumber()) {
                throw new IllegalStateException(label + ": document '" + id.asText() + "' came without its _version");
            }
            version = OptionalLong.of(number.asLong());
        }
        JsonNode seqNo = hit.path("_seq_no");
        return new SourceDocument(id.asText(), (ObjectNode) source, version, Optional.empty(),
                seqNo.isIntegralNumber() ? seqNo.asLong() : SourceDocument.NO_SEQ_NO);
    }

    static String abbreviated(JsonNode node) {
        String text = node.toString();
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
