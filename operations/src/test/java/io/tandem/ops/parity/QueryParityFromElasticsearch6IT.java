package io.tandem.ops.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.WithEngines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

/**
 * The same query shapes from a typed Elasticsearch 6.8 index, whose answers give the total as a plain number, to
 * OpenSearch 2.19, whose answers give an object.
 */
@WithEngines({Engine.ELASTICSEARCH_6, Engine.OPENSEARCH_2})
class QueryParityFromElasticsearch6IT {

    @Test
    void everyQueryShapeGetsTheSameAnswerFromATypedElasticsearch6Index(Engines engines) throws Exception {
        String oldUrl = engines.get(Engine.ELASTICSEARCH_6).address();
        String newUrl = engines.get(Engine.OPENSEARCH_2).address();
        String oldName = Engines.uniqueName("messages-v1");
        String newName = Engines.uniqueName("messages-v2");
        MessagesFixture.seedOld(oldUrl, oldName, 1_500, true, 6);
        MessagesFixture.copyTransformed(oldUrl, oldName, newUrl, newName);
        List<ParityQuery> queries = QueryFile.read(Path.of(getClass().getResource("/parity/representative-queries.json").toURI()));

        try (RestClient oldClient = RestClient.builder(HttpHost.create(oldUrl)).build();
             RestClient newClient = RestClient.builder(HttpHost.create(newUrl)).build()) {
            ParityReport report = new ParityRunner(new IndexSearch(oldClient, oldName), new IndexSearch(newClient, newName),
                    QueryTranslators.forTransform("tags-to-key-value", Map.of("source", "tags")),
                    new ParitySettings(2, 0, Duration.ZERO)).run(queries, result -> { });

            assertThat(report.results()).as("differences: %s", report.toJson().toPrettyString())
                    .allSatisfy(result -> assertThat(result.outcome()).as(result.query().name()).isEqualTo(Outcome.SAME));
            assertThat(report.results()).allSatisfy(result -> assertThat(result.oldHits().total().orElseThrow().value())
                    .as(result.query().name()).isPositive());
        }
    }
}
