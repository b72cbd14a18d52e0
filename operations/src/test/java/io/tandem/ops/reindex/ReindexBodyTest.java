package io.tandem.ops.reindex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReindexBodyTest {

    @Test
    void writesEveryCopyAtExternalVersionZeroAndCountsConflicts() {
        JsonNode body = ReindexBody.of(RemoteReindexSettings.of("http://127.0.0.1:9200", "messages", "messages-v2"));

        assertThat(body.path("conflicts").asText()).isEqualTo("proceed");
        assertThat(body.path("dest").path("index").asText()).isEqualTo("messages-v2");
        assertThat(body.path("dest").path("version_type").asText()).isEqualTo("external");
        assertThat(body.path("script").path("lang").asText()).isEqualTo("painless");
        assertThat(body.path("script").path("source").asText()).isEqualTo("ctx._version = 0L;\n");
        assertThat(body.path("source").path("remote").path("host").asText()).isEqualTo("http://127.0.0.1:9200");
        assertThat(body.path("source").path("remote").has("username")).isFalse();
        assertThat(body.path("source").path("index").asText()).isEqualTo("messages");
        assertThat(body.path("source").path("size").asInt()).isEqualTo(1000);
        assertThat(body.path("source").has("query")).isFalse();
        assertThat(body.has("slice")).isFalse();
    }

    @Test
    void carriesCredentialsQueryAndScript() {
        ObjectNode query = JsonMappers.PLAIN.createObjectNode();
        query.putObject("term").put("status", "live");
        RemoteReindexSettings settings = new RemoteReindexSettings("https://old:9243", Optional.of("tandem"),
                Optional.of("pw"), "messages", "messages-v2", 250, Optional.of(query), Optional.of("ctx._source.x = 1;"));

        JsonNode body = ReindexBody.of(settings);

        assertThat(body.path("source").path("remote").path("username").asText()).isEqualTo("tandem");
        assertThat(body.path("source").path("remote").path("password").asText()).isEqualTo("pw");
        assertThat(body.path("source").path("size").asInt()).isEqualTo(250);
        assertThat(body.path("source").path("query")).isEqualTo(query);
        assertThat(body.path("script").path("source").asText()).isEqualTo("ctx._version = 0L;\nctx._source.x = 1;");
    }
}
