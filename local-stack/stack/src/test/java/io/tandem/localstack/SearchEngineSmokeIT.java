package io.tandem.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.WithEngines;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each search engine is a real one: mappings, _bulk, _search and _aliases behave as the engine documents them. */
@WithEngines(value = {}, optional = {Engine.ELASTICSEARCH_7, Engine.ELASTICSEARCH_6, Engine.OPENSEARCH_2, Engine.OPENSEARCH_3})
class SearchEngineSmokeIT {

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "ELASTICSEARCH_6", "OPENSEARCH_2", "OPENSEARCH_3"})
    void indexWithMappingTakesBulkAndAnswersSearchesThroughAnAlias(Engine engine, Engines engines) {
        EngineEndpoint endpoint = engines.get(engine);
        String index = Engines.uniqueName("smoke");
        String alias = index + "-read";
        boolean typed = engine == Engine.ELASTICSEARCH_6;
        try (SearchHttp http = new SearchHttp(endpoint)) {
            String properties = "{\"properties\":{\"title\":{\"type\":\"text\"},\"tag\":{\"type\":\"keyword\"}}}";
            http.send("PUT", "/" + index, "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0},"
                    + "\"mappings\":" + (typed ? "{\"_doc\":" + properties + "}" : properties) + "}");

            JsonNode mapping = http.send("GET", "/" + index + "/_mapping", null);
            JsonNode fields = typed ? mapping.path(index).path("mappings").path("_doc").path("properties")
                    : mapping.path(index).path("mappings").path("properties");
            assertThat(fields.path("tag").path("type").asText()).isEqualTo("keyword");

            StringBuilder bulk = new StringBuilder();
            for (int i = 1; i <= 50; i++) {
                bulk.append("{\"index\":{\"_id\":\"").append(i).append("\"").append(typed ? ",\"_type\":\"_doc\"" : "").append("}}\n")
                        .append("{\"title\":\"message ").append(i).append("\",\"tag\":\"").append(i % 2 == 0 ? "even" : "odd").append("\"}\n");
            }
            JsonNode bulkResult = http.sendNdjson("/" + index + "/_bulk?refresh=true", bulk.toString());
            assertThat(bulkResult.path("errors").asBoolean(true)).isFalse();
            assertThat(bulkResult.path("items")).hasSize(50);

            http.send("POST", "/_aliases", "{\"actions\":[{\"add\":{\"index\":\"" + index + "\",\"alias\":\"" + alias + "\"}}]}");
            JsonNode hits = http.send("POST", "/" + alias + "/_search",
                    "{\"track_total_hits\":true,\"size\":100,\"query\":{\"term\":{\"tag\":\"even\"}},\"sort\":[{\"tag\":\"asc\"}]}").path("hits");
            // 6.8 answers total as a number, 7+ as {"value": n}
            long total = hits.path("total").isNumber() ? hits.path("total").asLong() : hits.path("total").path("value").asLong();
            assertThat(total).isEqualTo(25);
            List<String> ids = new ArrayList<>();
            hits.path("hits").forEach(hit -> ids.add(hit.path("_id").asText()));
            assertThat(ids).hasSize(25).allMatch(id -> Integer.parseInt(id) % 2 == 0);

            JsonNode aliases = http.send("GET", "/_alias/" + alias, null);
            assertThat(aliases.fieldNames()).toIterable().containsExactly(index);
        }
    }
}
