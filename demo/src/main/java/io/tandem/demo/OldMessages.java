package io.tandem.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import io.tandem.localstack.junit.IndexContents;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

/**
 * The "old" index of our users' story: messages whose tags are a free map under a dynamic template, so every new tag
 * key became a new mapped field (the mapping explosion the migration ends). Ids are {@code msg-<n>}.
 */
final class OldMessages {

    /** Tag keys as applications grow them: a few common ones and a long tail of per-feature keys. */
    private static final List<String> COMMON_KEYS = List.of("env", "region", "team", "priority", "channel", "locale");
    private static final int TAIL_KEYS = 150;
    private static final int BULK = 5000;

    private final String url;
    private final String index;

    OldMessages(String url, String index) {
        this.url = url;
        this.index = index;
    }

    static String id(long n) {
        return "msg-" + n;
    }

    /** One message as the application writes it; {@code n} drives the text, {@code random} the tags. */
    static ObjectNode message(long n, int revision, Instant createdAt, Random random) {
        ObjectNode doc = JsonMappers.PLAIN.createObjectNode();
        doc.put("id", id(n));
        doc.put("message", "Message " + n + (revision == 0 ? "" : " (edit " + revision + ")") + ": order "
                + (n * 7919 % 100_000) + " shipped to customer " + (n % 977));
        doc.put("createdAt", createdAt.truncatedTo(ChronoUnit.MILLIS).toString());
        ObjectNode tags = doc.putObject("tags");
        for (int t = random.nextInt(4); t >= 0; t--) {
            String key = random.nextInt(3) == 0 ? "feature-" + random.nextInt(TAIL_KEYS)
                    : COMMON_KEYS.get(random.nextInt(COMMON_KEYS.size()));
            tags.put(key, "v" + random.nextInt(40));
        }
        return doc;
    }

    /** Creates the index with the old dynamic mapping and the application's alias on it. */
    void create(String alias) {
        IndexContents.send(url, "PUT", "/" + index, """
                {"settings": {"number_of_shards": 3, "number_of_replicas": 0, "index.mapping.total_fields.limit": 2000},
                 "mappings": {
                   "dynamic_templates": [{"tags_as_keywords": {"path_match": "tags.*", "mapping": {"type": "keyword"}}}],
                   "properties": {"id": {"type": "keyword"}, "message": {"type": "text"}, "createdAt": {"type": "date"},
                                  "tags": {"type": "object"}}},
                 "aliases": {"%s": {}}}""".formatted(alias));
    }

    /** Indexes messages msg-0 .. msg-(count-1), created over the past year, with bulk requests of 5,000. */
    void seed(int count, long seed) {
        Random random = new Random(seed);
        Instant start = Instant.now().minus(365, ChronoUnit.DAYS);
        long step = Math.max(1, ChronoUnit.MILLIS.between(start, Instant.now()) / Math.max(1, count));
        StringBuilder bulk = new StringBuilder();
        for (int n = 0; n < count; n++) {
            bulk.append("{\"index\":{\"_id\":\"").append(id(n)).append("\"}}\n")
                    .append(message(n, 0, start.plusMillis(step * n), random)).append('\n');
            if ((n + 1) % BULK == 0 || n == count - 1) {
                bulk(bulk.toString());
                bulk.setLength(0);
            }
        }
        IndexContents.send(url, "POST", "/" + index + "/_refresh", null);
    }

    /** Sends one NDJSON _bulk body and fails when any item failed. */
    void bulk(String ndjson) {
        JsonNode answer = IndexContents.send(url, "POST", "/" + index + "/_bulk", ndjson);
        if (answer.path("errors").asBoolean()) {
            for (JsonNode item : answer.path("items")) {
                JsonNode result = item.elements().next();
                if (result.has("error")) {
                    throw new IllegalStateException("old cluster refused " + result.path("_id").asText() + ": " + result.path("error"));
                }
            }
        }
    }

    long count() {
        IndexContents.send(url, "POST", "/" + index + "/_refresh", null);
        return IndexContents.send(url, "GET", "/" + index + "/_count", null).path("count").asLong();
    }

    /** How many fields the dynamic mapping has grown to: the number the new schema brings down to a constant. */
    int mappedFields() {
        JsonNode mapping = IndexContents.send(url, "GET", "/" + index + "/_mapping", null);
        return countFields(mapping.path(index).path("mappings").path("properties"));
    }

    private static int countFields(JsonNode properties) {
        int count = 0;
        for (JsonNode field : (Iterable<JsonNode>) properties::elements) {
            count += 1 + countFields(field.path("properties"));
        }
        return count;
    }
}
