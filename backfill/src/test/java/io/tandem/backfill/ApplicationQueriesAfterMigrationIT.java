package io.tandem.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.ops.parity.IndexSearch;
import io.tandem.ops.parity.Outcome;
import io.tandem.ops.parity.ParityQuery;
import io.tandem.ops.parity.ParityReport;
import io.tandem.ops.parity.ParityRunner;
import io.tandem.ops.parity.ParitySettings;
import io.tandem.ops.parity.QueryFile;
import io.tandem.ops.parity.QueryResult;
import io.tandem.ops.parity.QueryTranslators;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.IndexContents;
import io.tandem.localstack.junit.WithEngines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The application's own queries keep working after the migration. The expected new documents and the application's
 * queries are literal JSON in {@code testdata/application-queries/} (shared with the consumer's test), written by
 * hand from the rule in the docs ({@code keyToValue} is {@code key + ":" + value}, only a key holding {@code :} or {@code \} escaped), not
 * computed by the transform's code: tag values with {@code :} and {@code \}, keys with {@code :} and {@code \}, the
 * collision pair {@code {"x:y": "z"}} / {@code {"x": "y:z"}}, an {@code actions} the move empties and one it does not,
 * an id with {@code / # ? % +}, a space and an emoji. Elasticsearch 7.10 to OpenSearch 2.19.
 */
@WithEngines({Engine.ELASTICSEARCH_7, Engine.OPENSEARCH_2})
class ApplicationQueriesAfterMigrationIT {

    private static final Path DIR = Path.of("..", "testdata", "application-queries").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TRANSFORM = Map.of("source", "actions.tags", "target", "tags");

    private static String oldUrl;
    private static String newUrl;
    private static String source;

    @BeforeAll
    static void seedTheOldIndexAsTheOldApplicationWroteIt(Engines engines) throws IOException {
        oldUrl = engines.get(Engine.ELASTICSEARCH_7).address();
        newUrl = engines.get(Engine.OPENSEARCH_2).address();
        source = Engines.uniqueName("app-old");
        IndexContents.send(oldUrl, "PUT", "/" + source, Files.readString(DIR.resolve("old-index.json")));
        StringBuilder bulk = new StringBuilder();
        for (String line : Files.readAllLines(DIR.resolve("old-documents.ndjson"), StandardCharsets.UTF_8)) {
            JsonNode doc = JSON.readTree(line);
            bulk.append(JSON.writeValueAsString(Map.of("index", Map.of("_id", doc.path("_id").asText())))).append('\n')
                    .append(JSON.writeValueAsString(doc.path("_source"))).append('\n');
        }
        JsonNode answer = IndexContents.send(oldUrl, "POST", "/" + source + "/_bulk?refresh=true", bulk.toString());
        assertThat(answer.path("errors").asBoolean()).as(answer.toString()).isFalse();
    }

    @Test
    void theBackfillWritesExactlyTheDocumentsTheApplicationExpects() throws IOException {
        String target = migrate("backfill");

        assertThat(sorted(IndexContents.readAll(newUrl, target))).isEqualTo(sorted(expected()));
    }

    @Test
    void theRemoteReindexEngineWritesTheSameDocumentsThroughPainless() throws IOException {
        String target = migrate("reindex", "--engine", "REMOTE_REINDEX");

        // Painless sees the tag map unordered and writes the pairs sorted: compare the pairs as a set
        assertThat(withTagsSorted(IndexContents.readAll(newUrl, target))).isEqualTo(withTagsSorted(expected()));
    }

    @Test
    void theApplicationsLiteralQueriesFindTheSameDocumentsOnOldAndNew() throws IOException {
        String target = migrate("queries");

        ParityReport asWritten = parity(target, "application-queries.json");

        assertThat(asWritten.results()).hasSize(11).allSatisfy(result -> assertThat(result.outcome())
                .as(result.query().name() + ": " + result.differences()).isEqualTo(Outcome.SAME));
        assertThat(asWritten.results()).allSatisfy(result -> assertThat(result.oldHits().ids())
                .as(result.query().name() + " finds something").isNotEmpty());
        assertThat(asWritten.results()).allSatisfy(result -> assertThat(result.translated())
                .as("sent as written").isEqualTo(result.query().newBody()));
    }

    @Test
    void theTranslatedQueriesAgreeWithTheQueriesAsTheApplicationWritesThem() throws IOException {
        String target = migrate("translated");
        List<ParityQuery> translatedOnly = new ArrayList<>();
        for (ParityQuery query : QueryFile.read(DIR.resolve("application-queries.json"))) {
            translatedOnly.add(new ParityQuery(query.name(), query.body(), query.order()));
        }

        ParityReport translated = runner(target).run(translatedOnly, result -> { });

        assertThat(translated.results()).allSatisfy(result -> assertThat(result.outcome())
                .as(result.query().name() + ": " + result.differences()).isEqualTo(Outcome.SAME));
    }

    @Test
    void aKeyWithAColonJoinedNaivelyIsTheDocumentedExceptionAndParityShowsIt() throws IOException {
        String target = migrate("naive");

        ParityReport naive = parity(target, "naive-colon-key-queries.json");

        // x:y + ":" + z is the term of {"x": "y:z"}, not of {"x:y": "z"}; ns:id + ":" + 42 is no term at all
        QueryResult collision = naive.results().get(0);
        assertThat(collision.outcome()).isEqualTo(Outcome.DIFFERENT);
        assertThat(collision.oldHits().ids()).containsExactly("collision-key");
        assertThat(collision.newHits().ids()).containsExactly("collision-value");
        QueryResult namespaced = naive.results().get(1);
        assertThat(namespaced.outcome()).isEqualTo(Outcome.DIFFERENT);
        assertThat(namespaced.newHits().ids()).isEmpty();
        assertThat(naive.passed()).isFalse();
    }

    /** Backfills the old index into a new index created from the literal contract; returns the new index. */
    private static String migrate(String name, String... extra) throws IOException {
        String target = Engines.uniqueName("app-new-" + name);
        IndexContents.send(newUrl, "PUT", "/" + target, Files.readString(DIR.resolve("new-index.json")));
        List<String> args = new ArrayList<>(List.of("--source-url", oldUrl, "--target-url", newUrl,
                "--source-index", source, "--target-index", target, "--transform", "tags-to-key-value",
                "--transform-option", "source=actions.tags", "--transform-option", "target=tags",
                "--state-index", Engines.uniqueName("state"), "--progress", "NONE", "--standalone"));
        args.addAll(List.of(extra));
        Migration.Result result = Migration.run(args);
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("COMPLETED").contains("0 failed");
        IndexContents.send(newUrl, "POST", "/" + target + "/_refresh", null);
        return target;
    }

    private static ParityReport parity(String target, String queries) {
        return runner(target).run(QueryFile.read(DIR.resolve(queries)), result -> { });
    }

    private static ParityRunner runner(String target) {
        RestClient old = RestClient.builder(HttpHost.create(oldUrl)).build();
        RestClient neu = RestClient.builder(HttpHost.create(newUrl)).build();
        return new ParityRunner(new IndexSearch(old, source), new IndexSearch(neu, target),
                QueryTranslators.forTransform("tags-to-key-value", TRANSFORM), new ParitySettings(1, 0, Duration.ZERO));
    }

    private static Map<String, JsonNode> expected() throws IOException {
        Map<String, JsonNode> expected = new TreeMap<>();
        JSON.readTree(DIR.resolve("expected-new-documents.json").toFile()).properties()
                .forEach(entry -> expected.put(entry.getKey(), entry.getValue()));
        return expected;
    }

    private static Map<String, JsonNode> sorted(Map<String, ? extends JsonNode> documents) {
        return new TreeMap<>(documents);
    }

    private static Map<String, JsonNode> withTagsSorted(Map<String, ? extends JsonNode> documents) {
        Map<String, JsonNode> sorted = new TreeMap<>();
        documents.forEach((id, doc) -> {
            ObjectNode copy = doc.deepCopy();
            if (doc.has("tags")) {
                ArrayNode tags = JSON.createArrayNode();
                StreamSupport.stream(doc.path("tags").spliterator(), false)
                        .sorted(Comparator.comparing(tag -> tag.path("keyToValue").asText())).forEach(tags::add);
                copy.set("tags", tags);
            }
            sorted.put(id, copy);
        });
        return sorted;
    }
}
