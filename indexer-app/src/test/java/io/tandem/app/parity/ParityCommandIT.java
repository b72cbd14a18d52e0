package io.tandem.app.parity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.app.IndexerCommand;
import io.tandem.cli.CommandLines;
import io.tandem.core.state.StateStore;
import io.tandem.core.transform.DocumentTransform;
import io.tandem.core.transform.Transforms;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.IndexContents;
import io.tandem.localstack.junit.WithEngines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tandem parity} end to end: old index on Elasticsearch 7.10, new one on OpenSearch 2.19. */
@WithEngines({Engine.ELASTICSEARCH_7, Engine.OPENSEARCH_2})
class ParityCommandIT {

    private static final Path CONTRACT = Path.of("src/test/resources/messages-v2.json").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DocumentTransform TAGS = Transforms.load("tags-to-key-value", Map.of("source", "tags"));
    /** The old schema: a keyword field per tag key. */
    private static final String OLD_INDEX = """
            {"settings": {"number_of_shards": 1, "number_of_replicas": 0},
             "mappings": {"dynamic_templates": [{"tags": {"path_match": "tags.*", "match_mapping_type": "string",
                                                          "mapping": {"type": "keyword"}}}],
                          "properties": {"id": {"type": "keyword"}, "message": {"type": "text"}, "n": {"type": "long"}}}}""";
    private static final List<String> MESSAGES = List.of(
            "{'id': 'm1', 'message': 'disk full on db', 'n': 1, 'tags': {'env': 'prod', 'team': 'a'}}",
            "{'id': 'm2', 'message': 'deploy failed', 'n': 2, 'tags': {'env': 'dev', 'a:b': 'c'}}",
            "{'id': 'm3', 'message': 'disk almost full', 'n': 3, 'tags': {'env': 'prod', 'a': 'b:c'}}",
            "{'id': 'm4', 'message': 'login ok', 'n': 4, 'tags': {'stage': 'prod'}}",
            "{'id': 'm5', 'message': 'payment refused', 'n': 5, 'tags': {}}",
            "{'id': 'm6', 'message': 'disk full again', 'n': 6, 'tags': {'env': 'prod', 'team': 'b'}}");
    private static final String QUERIES = """
            {"name": "env-prod", "order": "ORDERED", "body": {"query": {"term": {"tags.env": "prod"}}, "sort": ["n"]}}
            {"name": "key-with-separator", "order": "UNORDERED", "body": {"query": {"term": {"tags.a:b": "c"}}}}
            {"name": "prod-anywhere", "order": "UNORDERED", "body": {"query": {"multi_match": {"query": "prod", "fields": ["tags.*"]}}}}
            {"name": "disk-latest", "body": {"query": {"match": {"message": "disk"}}, "sort": [{"n": "desc"}], "size": 2}}
            """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void agreeingIndicesPassPrintTheTableAndKeepThePassingReport(Engines engines) throws Exception {
        Pair pair = seeded(engines);
        Path queries = Files.writeString(dir.resolve("queries.ndjson"), QUERIES);

        int exit = run(pair.args(queries, "--runs", "5", "--warmup-runs", "1"));

        assertThat(exit).as("out:\n%s\nerr:\n%s", out, err).isZero();
        assertThat(out.toString())
                .startsWith("Query parity of " + pair.oldIndex + " (old) and " + pair.newIndex + " (new): 4 queries, 5 timed"
                        + " runs per index after 1 warm-up runs")
                .containsPattern("env-prod +ORDERED +same +3 +3 +[0-9.]+/[0-9.]+/[0-9.]+ +[0-9.]+/[0-9.]+/[0-9.]+")
                .containsPattern("key-with-separator +UNORDERED +same +1 +1 ")
                .containsPattern("prod-anywhere +UNORDERED +same +4 +4 ")
                .containsPattern("disk-latest +ORDERED +same +3 +3 ")
                .contains("PASSED: all 4 queries got the same answers.\n")
                .endsWith("Kept as parity/" + pair.newIndex + " in " + pair.stateIndex + ".\n");
        assertThat(err.toString().lines()).containsExactly("[1/4] env-prod: same", "[2/4] key-with-separator: same",
                "[3/4] prod-anywhere: same", "[4/4] disk-latest: same");
        ObjectNode kept = pair.keptReport();
        assertThat(kept.path("passed").asBoolean()).isTrue();
        assertThat(kept.path("queries").asInt()).isEqualTo(4);
        assertThat(kept.path("failed").asInt()).isZero();
        assertThat(Instant.parse(kept.path("finishedAt").asText())).isBetween(Instant.now().minus(Duration.ofMinutes(5)), Instant.now());
    }

    @Test
    void aMissingDocumentAndAnUntranslatableQueryAreReportedWithExitOne(Engines engines) throws Exception {
        Pair pair = seeded(engines);
        // the new index lost a document that only "prod-anywhere" finds
        IndexContents.send(pair.newUrl, "DELETE", "/" + pair.newIndex + "/_doc/m4?refresh=true", null);
        Path queries = Files.writeString(dir.resolve("queries.ndjson"), QUERIES
                + "{\"name\": \"tag-range\", \"body\": {\"query\": {\"range\": {\"tags.team\": {\"gte\": \"a\"}}}}}\n");

        int exit = run(pair.args(queries, "--runs", "2", "--warmup-runs", "0", "--recheck-after", "PT0.2S"));

        assertThat(exit).as("out:\n%s\nerr:\n%s", out, err).isEqualTo(1);
        assertThat(out.toString())
                .containsPattern("prod-anywhere +UNORDERED +DIFFERENT +4 +3 ")
                .contains("\n    total hits: old 4, new 3, a difference of -1 in each of 4 answers\n"
                        + "    ids only in the old answer, each of 4 times (1): m4\n")
                .containsPattern("tag-range +ORDERED +UNTRANSLATABLE +- +- +- +-")
                .contains("\n    query.range: 'tags.team' refers to the tags in a way that has no translation;")
                .contains("FAILED: 2 of 5 queries did not get the same answers: prod-anywhere, tag-range.\n");
        assertThat(pair.keptReport().path("passed").asBoolean()).isFalse();

        out.getBuffer().setLength(0);
        exit = run(pair.args(queries, "--runs", "1", "--recheck-after", "PT0S", "--json"));

        assertThat(exit).isEqualTo(1);
        // stdout is the report as JSON and nothing else: the document kept for cutover
        JsonNode printed = JSON.readTree(out.toString());
        assertThat(printed.path("passed").asBoolean()).isFalse();
        assertThat(printed.path("queries").asInt()).isEqualTo(5);
        assertThat(printed.path("failed").asInt()).isEqualTo(2);
        assertThat(printed.path("results").path(2).path("outcome").asText()).isEqualTo("DIFFERENT");
        assertThat(printed.path("results").path(2).path("differences").path(1).asText())
                .isEqualTo("ids only in the old answer (1): m4");
        assertThat(printed.path("results").path(0).path("translatedQuery"))
                .isEqualTo(JSON.readTree("{\"query\":{\"term\":{\"tags.keyToValue\":{\"value\":\"env:prod\"}}},\"sort\":[\"n\"]}"));
        assertThat(pair.keptReport()).isEqualTo(printed);
    }

    private Pair seeded(Engines engines) throws Exception {
        Pair pair = new Pair(engines.get(Engine.ELASTICSEARCH_7).address(), Engines.uniqueName("messages-v1"),
                engines.get(Engine.OPENSEARCH_2).address(), Engines.uniqueName("messages-v2"), Engines.uniqueName("state"));
        IndexContents.send(pair.oldUrl, "PUT", "/" + pair.oldIndex, OLD_INDEX);
        IndexContents.send(pair.newUrl, "PUT", "/" + pair.newIndex, Files.readString(CONTRACT));
        StringBuilder oldBulk = new StringBuilder();
        StringBuilder newBulk = new StringBuilder();
        for (String message : MESSAGES) {
            ObjectNode doc = (ObjectNode) JSON.readTree(message.replace('\'', '"'));
            String action = "{\"index\":{\"_id\":\"" + doc.path("id").asText() + "\"}}\n";
            oldBulk.append(action).append(doc).append('\n');
            newBulk.append(action).append(TAGS.apply(doc.path("id").asText(), doc)).append('\n');
        }
        IndexContents.send(pair.oldUrl, "POST", "/" + pair.oldIndex + "/_bulk?refresh=true", oldBulk.toString());
        IndexContents.send(pair.newUrl, "POST", "/" + pair.newIndex + "/_bulk?refresh=true", newBulk.toString());
        return pair;
    }

    /** The two indices of one test, and its state index. */
    private record Pair(String oldUrl, String oldIndex, String newUrl, String newIndex, String stateIndex) {

        String[] args(Path queries, String... extra) {
            List<String> args = new ArrayList<>(List.of("parity", "--source-url", oldUrl, "--target-url", newUrl,
                    "--source-index", oldIndex, "--target-index", newIndex, "--queries", queries.toString(),
                    "--transform", "tags-to-key-value", "--transform-option", "source=tags", "--state-index", stateIndex));
            args.addAll(List.of(extra));
            return args.toArray(String[]::new);
        }

        ObjectNode keptReport() throws Exception {
            try (RestClient client = RestClient.builder(HttpHost.create(newUrl)).build()) {
                return new StateStore(client, stateIndex).read("parity/" + newIndex).orElseThrow();
            }
        }
    }

    private int run(String... args) {
        return CommandLines.execute(new IndexerCommand(), args, Map.of(), new PrintWriter(out, true),
                new PrintWriter(err, true));
    }
}
