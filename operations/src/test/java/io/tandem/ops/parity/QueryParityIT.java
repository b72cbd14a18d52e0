package io.tandem.ops.parity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.IndexContents;
import io.tandem.localstack.junit.WithEngines;
import io.tandem.query.KeyToValue;
import io.tandem.query.TagQueries;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The application's query shapes, written for the old Elasticsearch 7.10 index with a dynamic tag mapping, get the
 * same answers from the new OpenSearch 2.19 index (contract schema, transformed documents) once translated; and a
 * translation that gets the tags wrong is caught, with the difference.
 */
@WithEngines(value = {Engine.ELASTICSEARCH_7, Engine.OPENSEARCH_2},
        optional = {Engine.ELASTICSEARCH_8, Engine.ELASTICSEARCH_9, Engine.OPENSEARCH_3})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryParityIT {

    private static final int MESSAGES = 3_000;
    private static final ParitySettings QUICK = new ParitySettings(3, 1, Duration.ZERO);
    private static final QueryTranslator TRANSLATOR =
            QueryTranslators.forTransform("tags-to-key-value", Map.of("source", "tags"));

    private String oldUrl;
    private String oldName;
    private RestClient oldClient;
    private RestClient newClient;
    private IndexSearch oldIndex;
    private IndexSearch newIndex;
    private List<ParityQuery> queries;
    /** The old messages seeded on engines other than Elasticsearch 7.10, once each. */
    private final Map<Engine, String> oldIndices = new EnumMap<>(Engine.class);

    @BeforeAll
    void seed(Engines engines) throws URISyntaxException {
        oldUrl = engines.get(Engine.ELASTICSEARCH_7).address();
        String newUrl = engines.get(Engine.OPENSEARCH_2).address();
        oldName = Engines.uniqueName("messages-v1");
        String newName = Engines.uniqueName("messages-v2");
        MessagesFixture.seedOld(oldUrl, oldName, MESSAGES, false, 7);
        MessagesFixture.copyTransformed(oldUrl, oldName, newUrl, newName);
        oldClient = RestClient.builder(HttpHost.create(oldUrl)).build();
        newClient = RestClient.builder(HttpHost.create(newUrl)).build();
        oldIndex = new IndexSearch(oldClient, oldName);
        newIndex = new IndexSearch(newClient, newName);
        queries = QueryFile.read(Path.of(getClass().getResource("/parity/representative-queries.json").toURI()));
    }

    @AfterAll
    void close() throws Exception {
        oldClient.close();
        newClient.close();
    }

    @Test
    void everyQueryShapeGetsTheSameAnswerFromTheNewSchema() {
        List<QueryResult> heard = new ArrayList<>();
        ParityReport report = new ParityRunner(oldIndex, newIndex, TRANSLATOR, QUICK).run(queries, heard::add);

        assertThat(report.results()).as("differences: %s", report.toJson().toPrettyString())
                .allSatisfy(result -> assertThat(result.outcome()).as(result.query().name()).isEqualTo(Outcome.SAME));
        assertThat(report.passed()).isTrue();
        assertThat(heard).hasSameSizeAs(queries);
        // none of them is trivially equal: each finds some messages, not all
        assertThat(report.results()).allSatisfy(result -> assertThat(result.oldHits().total().orElseThrow().value())
                .as(result.query().name()).isBetween(1L, MESSAGES - 1L));
        assertThat(report.results()).allSatisfy(result -> {
            assertThat(result.oldLatency().runs()).isEqualTo(3);
            assertThat(result.newLatency().p50Millis()).isPositive();
        });
        // the one full-text query over every field is run as it is, and says so
        assertThat(resultOf(report, "every-field").notes()).singleElement().asString()
                .contains("searches every field, the tags included");
    }

    /** From the Elasticsearch 7.10 index above, or the same messages on another old engine, to the newest engines. */
    @ParameterizedTest
    @CsvSource({"ELASTICSEARCH_7, ELASTICSEARCH_8", "ELASTICSEARCH_7, ELASTICSEARCH_9", "ELASTICSEARCH_8, ELASTICSEARCH_9",
            "ELASTICSEARCH_8, OPENSEARCH_3", "OPENSEARCH_2, ELASTICSEARCH_9"})
    void everyQueryShapeGetsTheSameAnswerFromTheNewSchemaOnTheNewestEngines(Engine from, Engine to, Engines engines)
            throws Exception {
        String fromUrl = engines.get(from).address();
        String fromName = from == Engine.ELASTICSEARCH_7 ? oldName : oldIndices.computeIfAbsent(from, engine -> {
            String name = Engines.uniqueName("messages-v1-" + engine.id());
            MessagesFixture.seedOld(fromUrl, name, MESSAGES, false, 7);
            return name;
        });
        String newUrl = engines.get(to).address();
        String newName = Engines.uniqueName("messages-v2-" + to.id());
        MessagesFixture.copyTransformed(fromUrl, fromName, newUrl, newName);
        try (RestClient source = RestClient.builder(HttpHost.create(fromUrl)).build();
             RestClient target = RestClient.builder(HttpHost.create(newUrl)).build()) {
            ParityReport report = new ParityRunner(new IndexSearch(source, fromName), new IndexSearch(target, newName),
                    TRANSLATOR, QUICK).run(queries, result -> { });

            assertThat(report.results()).as("differences: %s", report.toJson().toPrettyString()).hasSameSizeAs(queries)
                    .allSatisfy(result -> assertThat(result.outcome()).as(result.query().name()).isEqualTo(Outcome.SAME));
            assertThat(report.passed()).isTrue();
        }
    }

    @Test
    void aTranslationWithoutEscapingTheKeyIsCaught() {
        // a key with the separator asked as "a:b:c", which the transform never writes for key "a:b"
        QueryTranslator unescaped = broken(body -> (ObjectNode) read(body.toString().replace("\\\\:", ":")));
        ParityReport report = new ParityRunner(oldIndex, newIndex, unescaped, QUICK)
                .run(named("key-with-the-separator", "value-with-the-separator", "by-key-and-value"), result -> { });

        assertThat(report.passed()).isFalse();
        assertThat(report.failed()).isEqualTo(1);
        QueryResult result = resultOf(report, "key-with-the-separator");
        long old = result.oldHits().total().orElseThrow().value();
        assertThat(old).isPositive();
        assertThat(result.outcome()).isEqualTo(Outcome.DIFFERENT);
        assertThat(result.differences().get(0)).startsWith("total hits: old " + old + ", new ");
        assertThat(result.differences().get(1)).startsWith("ids only in the old answer (" + Math.min(old, 1000) + "): ");
        // "a:b:c" is the term of {"a": "b:c"}: the unescaped key finds the other pair of the collision
        QueryResult otherPair = resultOf(report, "value-with-the-separator");
        assertThat(result.newHits().ids()).isNotEmpty().isEqualTo(otherPair.oldHits().ids());
        // a value is written verbatim, so there was nothing to escape: key + ":" + value is the right term
        assertThat(otherPair.outcome()).isEqualTo(Outcome.SAME);
        assertThat(resultOf(report, "by-key-and-value").outcome()).isEqualTo(Outcome.SAME);
        assertThat(report.toJson().path("failed").asInt()).isEqualTo(1);
    }

    @Test
    void aTranslationToTheWrongFieldIsCaught() {
        // key and value asked as a value under any key: "env" = "prod" also finds "stage" = "prod"
        QueryTranslator valueOnly = broken(TagsAskedByValueOnly::rewrite);
        ParityReport report = new ParityRunner(oldIndex, newIndex, valueOnly, QUICK)
                .run(named("by-key-and-value"), result -> { });

        QueryResult result = resultOf(report, "by-key-and-value");
        assertThat(result.outcome()).isEqualTo(Outcome.DIFFERENT);
        assertThat(result.newHits().total().orElseThrow().value())
                .isGreaterThan(result.oldHits().total().orElseThrow().value());
        assertThat(result.differences()).anySatisfy(difference -> assertThat(difference).startsWith("total hits: old "))
                .anySatisfy(difference -> assertThat(difference).startsWith("ids only in the new answer ("));
    }

    @Test
    void anEngineThatRefusesAQueryFailsItWithTheEnginesReason() {
        // a sort on a field the new mapping does not have: strict mapping, no unmapped_type
        ParityQuery refused = new ParityQuery("sort-on-a-missing-field",
                (ObjectNode) read("{\"query\":{\"match_all\":{}},\"sort\":[{\"n\":\"asc\"}]}"), ResultOrder.ORDERED);
        ParityReport report = new ParityRunner(oldIndex, newIndex, TRANSLATOR, QUICK).run(List.of(refused), r -> { });

        QueryResult result = report.results().get(0);
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.differences()).singleElement().asString()
                .startsWith("the old index " + oldIndex.index() + " failed the query: POST /" + oldIndex.index()
                        + "/_search answered HTTP 400");
    }

    @Test
    void aDifferenceThatSettlesBeforeTheRecheckDoesNotCount(Engines engines) throws Exception {
        // a new index one document short, as when the live consumer has not written it yet
        String newUrl = engines.get(Engine.OPENSEARCH_2).address();
        String lagging = Engines.uniqueName("messages-v2-lagging");
        MessagesFixture.copyTransformed(oldUrl, oldName, newUrl, lagging);
        ParityQuery query = named("by-key-and-value").get(0);
        String late = oldIndex.hits(query.body()).ids().get(0);
        JsonNode document = IndexContents.send(newUrl, "GET", "/" + lagging + "/_doc/" + late, null).path("_source");
        IndexContents.send(newUrl, "DELETE", "/" + lagging + "/_doc/" + late + "?refresh=true", null);
        long searchesBefore = searches(newUrl, lagging);
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                // the first comparison has asked the new index: now the document arrives
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (searches(newUrl, lagging) == searchesBefore && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                IndexContents.send(newUrl, "PUT", "/" + lagging + "/_doc/" + late + "?refresh=true", document.toString());
            } catch (Throwable e) {
                writerFailure.set(e);
            }
        }, "late-write");
        writer.start();

        ParityReport report = new ParityRunner(oldIndex, new IndexSearch(newClient, lagging), TRANSLATOR,
                new ParitySettings(1, 0, Duration.ofSeconds(10))).run(List.of(query), result -> { });
        writer.join();

        assertThat(writerFailure.get()).isNull();
        QueryResult result = report.results().get(0);
        long total = result.oldHits().total().orElseThrow().value();
        assertThat(result.outcome()).isEqualTo(Outcome.SAME);
        // the first page of 50 lacked the late document, and showed the 51st instead
        assertThat(result.notes()).singleElement().asString().startsWith("differed at first, agreed when asked again"
                + " PT10S later: total hits: old " + total + ", new " + (total - 1) + "; ids only in the old answer (1): "
                + late + "; ids only in the new answer (1): ");
    }

    private static long searches(String url, String index) {
        return IndexContents.send(url, "GET", "/" + index + "/_stats/search", null)
                .path("_all").path("total").path("search").path("query_total").asLong();
    }

    /** The real translation, then {@code damage}. */
    private static QueryTranslator broken(UnaryOperator<ObjectNode> damage) {
        return body -> {
            Translation right = TRANSLATOR.translate(body);
            return new Translation(damage.apply(right.body()), right.notes());
        };
    }

    /** Turns every term on tags.keyToValue into a term on tags.value with the decoded value: the key is lost. */
    private static final class TagsAskedByValueOnly {

        private static final TagQueries TAGS = TagQueries.at("tags");

        static ObjectNode rewrite(ObjectNode node) {
            JsonNode term = node.path("term").path(TAGS.keyToValueField());
            if (term.isObject()) {
                String[] pair = KeyToValue.decode(term.path("value").asText(), KeyToValue.DEFAULT_SEPARATOR);
                return TAGS.byValue(pair[1]);
            }
            node.properties().forEach(member -> {
                if (member.getValue().isObject()) {
                    member.setValue(rewrite((ObjectNode) member.getValue()));
                }
            });
            return node;
        }
    }

    private List<ParityQuery> named(String... names) {
        return List.of(names).stream()
                .map(name -> queries.stream().filter(query -> query.name().equals(name)).findFirst().orElseThrow())
                .toList();
    }

    private static QueryResult resultOf(ParityReport report, String name) {
        return report.results().stream().filter(result -> result.query().name().equals(name)).findFirst().orElseThrow();
    }

    private static JsonNode read(String json) {
        try {
            return JsonMappers.PLAIN.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
