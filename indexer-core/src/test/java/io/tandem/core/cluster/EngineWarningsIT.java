package io.tandem.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.tandem.core.json.JsonMappers;
import io.tandem.core.sink.LogLines;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.WithEngines;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

/**
 * A real engine's deprecation warning: OpenSearch 2.19 accepts a mapping that disables {@code _field_names} with a
 * {@code Warning} header (Elasticsearch 8 and 9 refuse it; schema sync drops it, but an operator's own definition
 * file may hold it). The operator reads it once per cluster, not once per request.
 */
@WithEngines(Engine.OPENSEARCH_2)
class EngineWarningsIT {

    @Test
    void aDeprecationWarningIsLoggedOnceWithTheRequestThatDrewItHoweverOftenTheEngineSendsIt(Engines engines)
            throws Exception {
        String url = engines.get(Engine.OPENSEARCH_2).address();
        String prefix = Engines.uniqueName("field-names");
        try (LogLines lines = new LogLines(EngineWarnings.class);
             RestClient client = ClusterClients.create(ClusterSettings.of(url))) {
            for (int i = 0; i < 3; i++) {
                EngineCall.Reply reply = EngineCall.send(client, "PUT", "/" + prefix + "-" + i + "?timeout=30s",
                        JsonMappers.PLAIN.readTree("{\"mappings\":{\"_field_names\":{\"enabled\":false}}}"));
                assertThat(reply.ok()).as("%s", reply).isTrue();
            }

            assertThat(lines.at(Level.WARN)).singleElement().asString()
                    .startsWith(url + " warns: Disabling _field_names is not necessary because it no longer carries a "
                            + "large index overhead.")
                    .endsWith("(first drawn by PUT /" + prefix + "-0; not repeated)");
        }
    }
}
