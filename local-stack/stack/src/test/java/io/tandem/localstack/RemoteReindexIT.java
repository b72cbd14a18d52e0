package io.tandem.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.WithEngines;
import org.junit.jupiter.api.Test;

/** The engines reach each other: the new cluster copies an index out of the old one with reindex-from-remote. */
@WithEngines({Engine.ELASTICSEARCH_7, Engine.OPENSEARCH_2, Engine.ELASTICSEARCH_6})
class RemoteReindexIT {

    private static final int DOCS = 120;

    @Test
    void openSearch2CopiesAnIndexFromElasticsearch7(Engines engines) {
        copyAndCompare(engines.get(Engine.ELASTICSEARCH_7), engines.get(Engine.OPENSEARCH_2), false);
    }

    @Test
    void elasticsearch7CopiesATypedIndexFromElasticsearch6(Engines engines) {
        copyAndCompare(engines.get(Engine.ELASTICSEARCH_6), engines.get(Engine.ELASTICSEARCH_7), true);
    }

    private static void copyAndCompare(EngineEndpoint source, EngineEndpoint target, boolean typedSource) {
        String index = Engines.uniqueName("reindex");
        try (SearchHttp from = new SearchHttp(source); SearchHttp to = new SearchHttp(target)) {
            from.send("PUT", "/" + index, "{\"settings\":{\"number_of_shards\":2,\"number_of_replicas\":0}}");
            StringBuilder bulk = new StringBuilder();
            for (int i = 0; i < DOCS; i++) {
                bulk.append("{\"index\":{\"_id\":\"doc-").append(i).append("\"").append(typedSource ? ",\"_type\":\"_doc\"" : "").append("}}\n")
                        .append("{\"n\":").append(i).append(",\"tags\":{\"team\":\"t").append(i % 3).append("\"}}\n");
            }
            assertThat(from.sendNdjson("/" + index + "/_bulk?refresh=true", bulk.toString()).path("errors").asBoolean(true)).isFalse();

            JsonNode result = to.send("POST", "/_reindex?refresh=true", "{\"source\":{\"remote\":{\"host\":\""
                    + source.peerAddress() + "\"},\"index\":\"" + index + "\",\"size\":50},\"dest\":{\"index\":\"" + index + "\"}}");
            assertThat(result.path("failures")).isEmpty();
            assertThat(result.path("created").asLong()).isEqualTo(DOCS);

            JsonNode copied = to.send("GET", "/" + index + "/_doc/doc-7", null);
            assertThat(copied.path("_source").path("n").asInt()).isEqualTo(7);
            assertThat(copied.path("_source").path("tags").path("team").asText()).isEqualTo("t1");
            assertThat(to.send("GET", "/" + index + "/_count", null).path("count").asLong()).isEqualTo(DOCS);
        }
    }
}
