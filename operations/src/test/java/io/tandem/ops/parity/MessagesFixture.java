package io.tandem.ops.parity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import io.tandem.core.transform.DocumentTransform;
import io.tandem.core.transform.Transforms;
import io.tandem.localstack.junit.IndexContents;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The old index of our users' story and the new one made from it: messages whose tags were a free map under a
 * dynamic template ({@code tags.<key>} became a keyword field per key: the mapping that exploded), and the same
 * messages in an index created from the contract ({@code contracts/messages-v2.json}), written as the tags transform
 * turns them. Tag keys and values include the awkward ones: the separator and {@code \} in keys and values, a pair
 * that would join to the same text without escaping ({@code a:b=c} and {@code a=b:c}), numbers, booleans, arrays,
 * nulls and a nested object.
 */
final class MessagesFixture {

    /** The old mapping: a keyword field per tag key, whatever the JSON type of the value. */
    private static final String OLD_MAPPING = """
            {"dynamic_templates": [
               {"tag_strings": {"path_match": "tags.*", "match_mapping_type": "string", "mapping": {"type": "keyword"}}},
               {"tag_longs": {"path_match": "tags.*", "match_mapping_type": "long", "mapping": {"type": "keyword"}}},
               {"tag_doubles": {"path_match": "tags.*", "match_mapping_type": "double", "mapping": {"type": "keyword"}}},
               {"tag_booleans": {"path_match": "tags.*", "match_mapping_type": "boolean", "mapping": {"type": "keyword"}}}],
             "properties": {
               "id": {"type": "keyword"},
               "message": {"type": "text", "analyzer": "message_text"},
               "createdAt": {"type": "date"}}}""";
    /** Like the contract's: one shard (so scores are computed over the same documents) and the same analyzer. */
    private static final String OLD_SETTINGS = """
            {"index": {"number_of_shards": 1, "number_of_replicas": 0, "analysis": {"analyzer": {"message_text":
               {"type": "custom", "tokenizer": "standard", "filter": ["lowercase", "asciifolding"]}}}}}""";
    private static final DocumentTransform TAGS = Transforms.load("tags-to-key-value", Map.of("source", "tags"));
    private static final List<String> WORDS = List.of("disk", "full", "deploy", "failed", "café", "cafe", "retry",
            "timeout", "user", "login", "payment", "refused", "cache", "warm", "cold", "error", "ok", "queue");
    private static final Instant START = Instant.parse("2024-03-01T00:00:00Z");
    private static final int BULK = 1000;

    private MessagesFixture() {
    }

    /** Creates the old index (typed {@code _doc} on Elasticsearch 6) and fills it with {@code count} messages. */
    static void seedOld(String url, String index, int count, boolean typed, long seed) {
        String mappings = typed ? "{\"_doc\":" + OLD_MAPPING + "}" : OLD_MAPPING;
        IndexContents.send(url, "PUT", "/" + index, "{\"settings\":" + OLD_SETTINGS + ",\"mappings\":" + mappings + "}");
        Random random = new Random(seed);
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < count; i++) {
            bulk.append("{\"index\":{\"_id\":\"msg-").append(i).append('"').append(typed ? ",\"_type\":\"_doc\"" : "")
                    .append("}}\n").append(message(i, random)).append('\n');
            if ((i + 1) % BULK == 0 || i == count - 1) {
                IndexContents.send(url, "POST", "/" + index + "/_bulk", bulk.toString());
                bulk.setLength(0);
            }
        }
        IndexContents.send(url, "POST", "/" + index + "/_refresh", null);
    }

    /** Creates the new index from the contract and writes every old document into it, transformed. */
    static void copyTransformed(String oldUrl, String oldIndex, String newUrl, String newIndex) {
        IndexContents.send(newUrl, "PUT", "/" + newIndex, contract());
        StringBuilder bulk = new StringBuilder();
        int pending = 0;
        for (Map.Entry<String, ObjectNode> doc : IndexContents.readAll(oldUrl, oldIndex).entrySet()) {
            bulk.append("{\"index\":{\"_id\":\"").append(doc.getKey()).append("\"}}\n")
                    .append(TAGS.apply(doc.getKey(), doc.getValue())).append('\n');
            if (++pending == BULK) {
                IndexContents.send(newUrl, "POST", "/" + newIndex + "/_bulk", bulk.toString());
                bulk.setLength(0);
                pending = 0;
            }
        }
        if (pending > 0) {
            IndexContents.send(newUrl, "POST", "/" + newIndex + "/_bulk", bulk.toString());
        }
        IndexContents.send(newUrl, "POST", "/" + newIndex + "/_refresh", null);
    }

    static String contract() {
        try (InputStream in = MessagesFixture.class.getResourceAsStream("/contracts/messages-v2.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode message(int i, Random random) {
        ObjectNode doc = JsonMappers.PLAIN.createObjectNode();
        doc.put("id", "msg-" + i);
        StringBuilder text = new StringBuilder();
        for (int w = 5 + random.nextInt(8); w > 0; w--) {
            text.append(WORDS.get(random.nextInt(WORDS.size()))).append(w > 1 ? " " : "");
        }
        doc.put("message", text.toString());
        // three messages a minute: sorts on createdAt have ties, which a tie-breaker on id settles
        doc.put("createdAt", START.plusSeconds(60L * (i / 3)).toString());
        ObjectNode tags = doc.putObject("tags");
        tags.put("env", pick(random, "prod", "staging", "dev"));
        if (random.nextInt(3) == 0) {
            tags.put("stage", pick(random, "prod", "canary"));
        }
        if (random.nextBoolean()) {
            tags.put("team", pick(random, "a", "b", "c", "d", "e", "f"));
        }
        if (random.nextInt(4) == 0) {
            tags.put("region", pick(random, "eu-west:1", "us:east", "ap\\south"));
        }
        // without escaping, both pairs would be the text "a:b:c"
        switch (random.nextInt(6)) {
            case 0 -> tags.put("a:b", "c");
            case 1 -> tags.put("a", "b:c");
            default -> { }
        }
        if (random.nextInt(5) == 0) {
            tags.put("path\\dir", pick(random, "C:\\tmp", "x"));
        }
        if (random.nextInt(3) == 0) {
            tags.put("tier", 1 + random.nextInt(3));
        }
        if (random.nextInt(4) == 0) {
            tags.put("beta", random.nextBoolean());
        }
        if (random.nextInt(5) == 0) {
            ArrayNode labels = tags.putArray("labels");
            labels.add(pick(random, "x", "y", "z"));
            labels.add(pick(random, "y", "w"));
        }
        if (random.nextInt(7) == 0) {
            tags.putNull("muted");
        }
        if (random.nextInt(6) == 0) {
            tags.putObject("owner").put("name", pick(random, "ann", "bob")).put("id", random.nextInt(5));
        }
        if (random.nextInt(10) == 0) {
            doc.remove("tags");
        }
        return doc;
    }

    private static String pick(Random random, String... values) {
        return values[random.nextInt(values.length)];
    }
}
