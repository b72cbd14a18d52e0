package io.tandem.ops.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.cluster.EngineCall;
import io.tandem.core.cluster.EngineCall.Reply;
import io.tandem.core.json.JsonMappers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.elasticsearch.client.RestClient;

/**
 * Reads one index for a verification: counts it, fetches documents by id in real time ({@code _mget}, batched), finds
 * which ids it lacks, and
 * draws a random sample ({@code function_score} with {@code random_score}, which Elasticsearch 6.8 and 7.10 and
 * OpenSearch all have). Typed Elasticsearch 6.8 indices need no type here: {@code _mget} by ids takes any.
 */
public final class IndexProbe {

    /** The engines refuse a larger result window unless index.max_result_window was raised. */
    public static final int MAX_SAMPLE = 10_000;

    private final RestClient client;
    private final String index;
    private final int batchSize;

    /** @param batchSize ids per {@code _mget} request */
    public IndexProbe(RestClient client, String index, int batchSize) {
        this.client = Objects.requireNonNull(client, "client");
        this.index = Objects.requireNonNull(index, "index");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: must be at least 1, was " + batchSize);
        }
        this.batchSize = batchSize;
    }

    public String index() {
        return index;
    }

    public RestClient client() {
        return client;
    }

    /** Makes recent writes visible to counts and searches (the backfill may have turned the refresh off). */
    public void refresh() {
        Reply reply = EngineCall.send(client, "POST", path("/_refresh"), null);
        if (!reply.ok()) {
            throw reply.refused();
        }
    }

    /** The number of documents in the index now. */
    public long count() {
        Reply reply = EngineCall.send(client, "POST", path("/_count"), null);
        if (!reply.ok()) {
            throw reply.refused();
        }
        requireAllShards(reply);
        return reply.body().path("count").asLong();
    }

    /** The documents among {@code ids} that exist, by id, as of now (real time: no refresh needed). */
    public Map<String, StoredDocument> get(Collection<String> ids) {
        Map<String, StoredDocument> found = new HashMap<>();
        for (List<String> batch : batches(ids)) {
            ObjectNode body = JsonMappers.PLAIN.createObjectNode();
            ArrayNode list = body.putArray("ids");
            batch.forEach(list::add);
            Reply reply = EngineCall.send(client, "POST", path("/_mget"), body);
            if (!reply.ok()) {
                throw reply.refused();
            }
            for (JsonNode doc : reply.body().path("docs")) {
                if (doc.has("error")) {
                    throw new IllegalStateException("_mget of '" + doc.path("_id").asText() + "' in " + index + " failed: "
                            + doc.path("error"));
                }
                if (doc.path("found").asBoolean(false)) {
                    StoredDocument document = StoredDocument.fromHit(doc, index);
                    found.put(document.id(), document);
                }
            }
        }
        return found;
    }

    /**
     * The ids among {@code ids} that the index does not hold. Each batch is counted first ({@code _count} of an
     * {@code ids} query: term lookups, no document read), which in a faithful copy finds them all; only a batch that
     * counts short is fetched ({@link #get}, in real time, so a document written since the last refresh is found).
     * Measured on ES 7.10, 500,000 ids: fetching every document cost the old cluster ~96 CPU-s.
     */
    public Set<String> absent(Collection<String> ids) {
        Set<String> absent = new HashSet<>();
        for (List<String> batch : batches(ids)) {
            ObjectNode body = JsonMappers.PLAIN.createObjectNode();
            ArrayNode values = body.putObject("query").putObject("ids").putArray("values");
            batch.forEach(values::add);
            Reply reply = EngineCall.send(client, "POST", path("/_count"), body);
            if (!reply.ok()) {
                throw reply.refused();
            }
            requireAllShards(reply);
            if (reply.body().path("count").asLong() < batch.size()) {
                Map<String, StoredDocument> found = get(batch);
                batch.stream().filter(id -> !found.containsKey(id)).forEach(absent::add);
            }
        }
        return absent;
    }

    /** Up to {@code size} documents drawn at random (a new draw on every call). */
    public List<StoredDocument> sample(int size) {
        if (size < 1 || size > MAX_SAMPLE) {
            throw new IllegalArgumentException("sample size: must be between 1 and " + MAX_SAMPLE + ", was " + size);
        }
        ObjectNode body = JsonMappers.PLAIN.createObjectNode();
        body.put("size", size);
        body.put("version", true);
        body.put("seq_no_primary_term", true);
        ObjectNode functionScore = body.putObject("query").putObject("function_score");
        functionScore.putObject("query").putObject("match_all");
        // no seed: a seeded random_score needs a field with doc values, which typed 6.8 indices may lack
        functionScore.putObject("random_score");
        Reply reply = EngineCall.send(client, "POST", path("/_search"), body);
        if (!reply.ok()) {
            throw reply.refused();
        }
        requireAllShards(reply);
        List<StoredDocument> sample = new ArrayList<>();
        for (JsonNode hit : reply.body().path("hits").path("hits")) {
            sample.add(StoredDocument.fromHit(hit, index));
        }
        return sample;
    }

    /** {@code ids} in requests of at most {@code batchSize}. */
    private List<List<String>> batches(Collection<String> ids) {
        List<String> all = new ArrayList<>(ids);
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < all.size(); from += batchSize) {
            batches.add(all.subList(from, Math.min(all.size(), from + batchSize)));
        }
        return batches;
    }

    private void requireAllShards(Reply reply) {
        JsonNode shards = reply.body().path("_shards");
        if (shards.path("failed").asInt(0) > 0) {
            // an answer without some shards' documents would look plausible and be wrong
            throw new IllegalStateException(reply.request() + ": " + shards.path("failed").asInt() + " of "
                    + shards.path("total").asInt() + " shards failed: " + shards.path("failures"));
        }
    }

    private String path(String endpoint) {
        return "/" + EngineCall.segment(index) + endpoint;
    }
}
