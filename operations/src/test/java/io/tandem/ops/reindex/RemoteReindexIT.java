package io.tandem.ops.reindex;

import static io.tandem.localstack.Engine.ELASTICSEARCH_7;
import static io.tandem.localstack.Engine.OPENSEARCH_2;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import io.tandem.localstack.RestFixture;
import io.tandem.localstack.RestFixture.Reply;
import io.tandem.core.transform.DocumentTransform;
import io.tandem.core.transform.TransformException;
import io.tandem.core.transform.Transforms;
import io.tandem.localstack.EngineEndpoint;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.WithEngines;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Remote reindex from Elasticsearch 7.10 (old) into OpenSearch 2.19 (new), executed by OpenSearch: the Painless
 * transform against the Java one, and the version rule against live writes that got there first.
 */
@WithEngines({ELASTICSEARCH_7, OPENSEARCH_2})
class RemoteReindexIT {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int DOCS = 2000;
    /** Written live (external version 5) before the copy reaches it. */
    private static final String LIVE_ID = "doc-17";
    /** Deleted live (external version 7) before the copy reaches it. */
    private static final String DELETED_ID = "doc-42";
    private static final Duration POLL = Duration.ofMillis(200);

    @Test
    void copiesAtVersionZeroTransformedLikeTheJavaTransformAndNeverOverALiveWrite(Engines engines) throws Exception {
        EngineEndpoint old = engines.get(ELASTICSEARCH_7);
        try (RestFixture source = RestFixture.on(old); RestFixture target = RestFixture.on(engines.get(OPENSEARCH_2))) {
            Map<String, ObjectNode> docs = generate(DOCS, new Random(20240611));
            String sourceIndex = createSource(source, docs);
            String targetIndex = createIndex(target, Engines.uniqueName("messages-v2"));
            assertOk(target.send("PUT", "/" + targetIndex + "/_settings", "{\"index.gc_deletes\":\"1h\"}"));
            // the live consumer got there first
            assertOk(target.send("PUT", "/" + targetIndex + "/_doc/" + LIVE_ID + "?version=5&version_type=external",
                    "{\"title\":\"live v5\"}"));
            assertOk(target.send("PUT", "/" + targetIndex + "/_doc/" + DELETED_ID + "?version=6&version_type=external",
                    "{\"title\":\"live v6\"}"));
            assertOk(target.send("DELETE", "/" + targetIndex + "/_doc/" + DELETED_ID + "?version=7&version_type=external", null));
            List<long[]> progress = new CopyOnWriteArrayList<>();

            ReindexResult result = new RemoteReindex(target.client(), POLL).run(
                    RemoteReindexSettings.of(old.address(), sourceIndex, targetIndex).withSize(500)
                            .withPainlessScript(PainlessTransforms.tagsToKeyValue("tags", null, ":")),
                    (done, total) -> progress.add(new long[] {done, total}));

            assertThat(result.failureReasons()).isEmpty();
            assertThat(result.succeeded()).isTrue();
            assertThat(result.total()).isEqualTo(DOCS);
            assertThat(result.created()).isEqualTo(DOCS - 2);
            assertThat(result.updated()).isZero();
            assertThat(result.versionConflicts()).isEqualTo(2);
            assertThat(result.took()).isPositive();
            assertThat(progress).isNotEmpty();
            assertThat(progress.get(progress.size() - 1)).containsExactly(DOCS, DOCS);

            Map<String, JsonNode> copied = allDocuments(target, targetIndex);
            DocumentTransform java = Transforms.load("tags-to-key-value", Map.of("source", "tags"));
            assertThat(copied).hasSize(DOCS - 1).doesNotContainKey(DELETED_ID);
            assertThat(target.send("GET", "/" + targetIndex + "/_doc/" + DELETED_ID, null).status()).isEqualTo(404);
            assertThat(copied.get(LIVE_ID).path("_version").asLong()).isEqualTo(5);
            assertThat(copied.get(LIVE_ID).path("_source")).isEqualTo(NODES.objectNode().put("title", "live v5"));
            for (Map.Entry<String, ObjectNode> doc : docs.entrySet()) {
                if (doc.getKey().equals(LIVE_ID) || doc.getKey().equals(DELETED_ID)) {
                    continue;
                }
                JsonNode hit = copied.get(doc.getKey());
                assertThat(hit.path("_version").asLong()).as(doc.getKey()).isZero();
                assertThat(hit.path("_source")).as("%s from %s", doc.getKey(), doc.getValue())
                        .isEqualTo(java.apply(doc.getKey(), keysSorted(doc.getValue())));
            }
            // version 0: any live write wins over the copy
            assertThat(target.send("PUT", "/" + targetIndex + "/_doc/doc-1?version=1&version_type=external",
                    "{\"title\":\"live v1\"}").status()).isEqualTo(200);
        }
    }

    @Test
    void aMovedTagsMapFollowsTheJavaRulesForMissingAndNullPaths(Engines engines) throws Exception {
        EngineEndpoint old = engines.get(ELASTICSEARCH_7);
        try (RestFixture source = RestFixture.on(old); RestFixture target = RestFixture.on(engines.get(OPENSEARCH_2))) {
            Map<String, ObjectNode> docs = new LinkedHashMap<>();
            docs.put("tagged", json("{'title':'t','actions':{'kind':'click','tags':{'b':2,'a':['x',null,true]}}}"));
            docs.put("null-tags", json("{'actions':{'kind':'view','tags':null}}"));
            docs.put("no-tags", json("{'actions':{'kind':'view'}}"));
            docs.put("null-actions", json("{'actions':null}"));
            docs.put("no-actions", json("{'title':'plain'}"));
            docs.put("kv-parent-null", json("{'meta':null,'actions':{'tags':{'k':'v'}}}"));
            // the move empties 'actions': it goes; an empty object the document had stays
            docs.put("emptied", json("{'title':'e','actions':{'tags':{'u':'http://x/y','k=1':'a=b'}}}"));
            docs.put("keeps-its-empty", json("{'actions':{'tags':{'k':'v'},'meta':{}},'other':{}}"));
            String sourceIndex = createSource(source, docs);
            String targetIndex = createIndex(target, Engines.uniqueName("moved"));

            ReindexResult result = new RemoteReindex(target.client(), POLL).run(
                    RemoteReindexSettings.of(old.address(), sourceIndex, targetIndex)
                            .withPainlessScript(PainlessTransforms.tagsToKeyValue("actions.tags", "meta.kv", "=")),
                    (done, total) -> { });

            assertThat(result.failureReasons()).isEmpty();
            assertThat(result.created()).isEqualTo(docs.size());
            DocumentTransform java = Transforms.load("tags-to-key-value",
                    Map.of("source", "actions.tags", "target", "meta.kv", "separator", "="));
            Map<String, JsonNode> copied = allDocuments(target, targetIndex);
            docs.forEach((id, doc) -> assertThat(copied.get(id).path("_source")).as(id)
                    .isEqualTo(java.apply(id, keysSorted(doc))));
        }
    }

    @Test
    void aDocumentTheJavaTransformWouldRejectStopsTheReindexWithTheSameReason(Engines engines) throws Exception {
        EngineEndpoint old = engines.get(ELASTICSEARCH_7);
        try (RestFixture source = RestFixture.on(old); RestFixture target = RestFixture.on(engines.get(OPENSEARCH_2))) {
            Map<String, ObjectNode> docs = new LinkedHashMap<>();
            docs.put("bad", json("{'tags':{'team':['a',['b']]}}"));
            String sourceIndex = createSource(source, docs);
            String targetIndex = createIndex(target, Engines.uniqueName("rejected"));
            DocumentTransform java = Transforms.load("tags-to-key-value", Map.of("source", "tags"));
            String javaReason = reasonOf(() -> java.apply("bad", docs.get("bad")));

            ReindexResult result = new RemoteReindex(target.client(), POLL).run(
                    RemoteReindexSettings.of(old.address(), sourceIndex, targetIndex)
                            .withPainlessScript(PainlessTransforms.tagsToKeyValue("tags", null, ":")),
                    (done, total) -> { });

            assertThat(result.succeeded()).isFalse();
            assertThat(result.created()).isZero();
            assertThat(result.failureReasons()).singleElement().asString()
                    .startsWith("reindex stopped: script_exception: runtime error")
                    .contains("illegal_argument_exception: " + javaReason);
        }
    }

    @Test
    void aHostOutsideTheAllowlistIsAFailedResult(Engines engines) throws Exception {
        EngineEndpoint old = engines.get(ELASTICSEARCH_7);
        try (RestFixture target = RestFixture.on(engines.get(OPENSEARCH_2))) {
            // the allowlist holds 127.0.0.1:*, matched literally: localhost is another host to it
            String localhost = "http://localhost:" + URI.create(old.address()).getPort();

            ReindexResult result = new RemoteReindex(target.client(), POLL).run(
                    RemoteReindexSettings.of(localhost, "anything", Engines.uniqueName("never")), (done, total) -> { });

            assertThat(result.failures()).isEqualTo(1);
            assertThat(result.failureReasons()).singleElement().asString()
                    .contains("not allowlisted in reindex.remote.allowlist");
        }
    }

    // ---- documents

    /**
     * Documents whose tags hold every kind of value the transform has a rule for, keys in random order: strings with
     * the separator and the escape, ints, longs, a BigInteger, doubles, booleans, null, arrays with nulls, nested
     * objects, empty ones; and documents without tags, with null tags and with an empty map.
     */
    private static Map<String, ObjectNode> generate(int count, Random random) {
        Map<String, ObjectNode> docs = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            ObjectNode doc = NODES.objectNode().put("title", "message " + i).put("n", i);
            switch (i % 50) {
                case 0 -> { }
                case 1 -> doc.putNull("tags");
                case 2 -> doc.putObject("tags");
                default -> doc.set("tags", tags(random));
            }
            docs.put("doc-" + i, doc);
        }
        return docs;
    }

    private static ObjectNode tags(Random random) {
        List<Supplier<Map.Entry<String, JsonNode>>> kinds = List.of(
                () -> Map.entry("env", NODES.textNode(pick(random, "prod", "stage", "a:b", "c\\d", "x\\:y", ""))),
                () -> Map.entry("a:b", NODES.textNode("value:" + random.nextInt(10))),
                () -> Map.entry("back\\slash", NODES.textNode("v\\" + random.nextInt(10))),
                () -> Map.entry("both:\\", NODES.textNode(":\\:")),
                () -> Map.entry("count", NODES.numberNode(random.nextInt(2000) - 1000)),
                () -> Map.entry("big", NODES.numberNode(4_294_967_296L + random.nextInt(1000))),
                () -> Map.entry("huge", NODES.numberNode(new BigInteger("12345678901234567890"))),
                () -> Map.entry("ratio", NODES.numberNode(pick(random, 1.5, 0.1, -2.25, 1.0E8, 3.0, 1.0E-5))),
                () -> Map.entry("on", NODES.booleanNode(random.nextBoolean())),
                () -> Map.entry("gone", NODES.nullNode()),
                () -> Map.entry("team", NODES.arrayNode().add("a").addNull().add(7).add(false).add("a")),
                () -> Map.entry("empty", NODES.arrayNode()),
                () -> Map.entry("nested", nested(random)),
                () -> Map.entry("hollow", NODES.objectNode()),
                () -> Map.entry("z" + random.nextInt(5), NODES.textNode("zz")));
        List<Supplier<Map.Entry<String, JsonNode>>> chosen = new ArrayList<>(kinds);
        Collections.shuffle(chosen, random);
        ObjectNode tags = NODES.objectNode();
        chosen.subList(0, 1 + random.nextInt(chosen.size())).forEach(kind -> {
            Map.Entry<String, JsonNode> tag = kind.get();
            tags.set(tag.getKey(), tag.getValue());
        });
        return tags;
    }

    private static ObjectNode nested(Random random) {
        ObjectNode deeper = NODES.objectNode();
        deeper.putArray("leaf").add(random.nextInt(3)).add("y").addNull();
        deeper.putNull("none");
        ObjectNode nested = NODES.objectNode();
        nested.put("sub", "s" + random.nextInt(3));
        nested.set("deeper", deeper);
        nested.put("k:e\\y", 2.5);
        return random.nextBoolean() ? nested : reversed(nested);
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    private static ObjectNode reversed(ObjectNode object) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(object.properties());
        Collections.reverse(fields);
        ObjectNode copy = NODES.objectNode();
        fields.forEach(field -> copy.set(field.getKey(), field.getValue()));
        return copy;
    }

    /**
     * The document with every object's keys sorted. The engine gives the script an unordered map, so the script
     * sorts keys; the Java transform keeps the map's order. On a sorted document they must agree exactly.
     */
    private static ObjectNode keysSorted(ObjectNode object) {
        TreeMap<String, JsonNode> sorted = new TreeMap<>();
        object.properties().forEach(field -> sorted.put(field.getKey(), sortedNode(field.getValue())));
        ObjectNode copy = NODES.objectNode();
        sorted.forEach(copy::set);
        return copy;
    }

    private static JsonNode sortedNode(JsonNode node) {
        if (node.isObject()) {
            return keysSorted((ObjectNode) node);
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(element -> copy.add(sortedNode(element)));
            return copy;
        }
        return node;
    }

    private static ObjectNode json(String text) throws IOException {
        return (ObjectNode) JsonMappers.PLAIN.readTree(text.replace('\'', '"'));
    }

    private static String reasonOf(Runnable transform) {
        try {
            transform.run();
        } catch (TransformException e) {
            return e.getMessage();
        }
        throw new AssertionError("the Java transform accepted the document");
    }

    // ---- engines

    /** The old index: tags stored but not indexed, so that any value fits, as in an old index with loose tags. */
    private static String createSource(RestFixture source, Map<String, ObjectNode> docs) {
        String index = Engines.uniqueName("messages");
        assertOk(source.send("PUT", "/" + index, "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0},"
                + "\"mappings\":{\"properties\":{\"tags\":{\"type\":\"object\",\"enabled\":false},"
                + "\"actions\":{\"type\":\"object\",\"enabled\":false}}}}"));
        List<Map.Entry<String, ObjectNode>> all = new ArrayList<>(docs.entrySet());
        for (int from = 0; from < all.size(); from += 500) {
            StringBuilder bulk = new StringBuilder();
            for (Map.Entry<String, ObjectNode> doc : all.subList(from, Math.min(all.size(), from + 500))) {
                bulk.append("{\"index\":{\"_id\":\"").append(doc.getKey()).append("\"}}\n").append(doc.getValue()).append('\n');
            }
            Reply reply = source.send("POST", "/" + index + "/_bulk?refresh=true", bulk.toString());
            assertOk(reply);
            assertThat(reply.body().path("errors").asBoolean(true)).as("%s", reply).isFalse();
        }
        return index;
    }

    private static String createIndex(RestFixture target, String index) {
        assertOk(target.send("PUT", "/" + index, "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0}}"));
        return index;
    }

    /** Every document of the index by id, with its version. */
    private static Map<String, JsonNode> allDocuments(RestFixture target, String index) {
        assertOk(target.send("POST", "/" + index + "/_refresh", null));
        Reply reply = target.send("POST", "/" + index + "/_search?version=true&size=10000", "{\"query\":{\"match_all\":{}}}");
        assertOk(reply);
        Map<String, JsonNode> byId = new HashMap<>();
        reply.body().path("hits").path("hits").forEach(hit -> byId.put(hit.path("_id").asText(), hit));
        return byId;
    }

    private static void assertOk(Reply reply) {
        assertThat(reply.status()).as("%s", reply).isBetween(200, 299);
    }
}
