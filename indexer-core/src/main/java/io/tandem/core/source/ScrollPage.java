package io.tandem.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;

/**
 * One successful answer of a scroll, as read from the engine's JSON, whichever engine: {@code hits.total} is a
 * number on Elasticsearch 6.x and {@code {"value":..,"relation":..}} after; the {@code _type} of 6.x hits is not
 * kept, the target being typeless.
 *
 * @param scrollId      the id to ask for the next page with (engines may change it between pages)
 * @param documents     the page, possibly empty (the end of the slice)
 * @param total         how many documents the whole scroll matches
 * @param totalExact    whether {@code total} is exact rather than a lower bound (scrolls always count exactly)
 * @param timedOut      whether the engine stopped searching early and answered with what it had
 * @param failedShards  shards that did not answer, whose documents are missing from the page
 * @param shardFailures their reasons ({@code _shards.failures}), or a missing node
 */
record ScrollPage(String scrollId, List<SourceDocument> documents, long total, boolean totalExact, boolean timedOut,
                  int failedShards, JsonNode shardFailures) {

    /** @param label names the slice in messages, e.g. {@code slice 2 (of 4) of 'messages'} */
    static ScrollPage parse(JsonNode body, boolean withVersion, String label) {
        String scrollId = body.path("_scroll_id").asText("");
        if (scrollId.isEmpty()) {
            throw new IllegalStateException(label + ": the engine answered without a _scroll_id: " + abbreviated(body));
        }
        JsonNode hits = body.path("hits");
        JsonNode total = hits.path("total");
        if (!total.isNumber() && !total.path("value").isNumber()) {
            // the reader checks at the end of a slice that it read them all: without the number it could not
            throw new IllegalStateException(label + ": the engine answered without hits.total: " + abbreviated(body));
        }
        long totalValue = total.isNumber() ? total.asLong() : total.path("value").asLong();
        boolean totalExact = total.isNumber() || total.path("relation").asText("eq").equals("eq");
        List<SourceDocument> documents = new ArrayList<>(hits.path("hits").size());
        for (JsonNode hit : hits.path("hits")) {
            documents.add(document(hit, withVersion, label));
        }
        JsonNode shards = body.path("_shards");
        return new ScrollPage(scrollId, Collections.unmodifiableList(documents), totalValue, totalExact,
                body.path("timed_out").asBoolean(false), shards.path("failed").asInt(0), shards.path("failures"));
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
        return new SourceDocument(id.asText(), (ObjectNode) source, version);
    }

    static String abbreviated(JsonNode node) {
        String text = node.toString();
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
