package io.tandem.ops.cutover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.cluster.EngineCall;
import io.tandem.core.cluster.EngineCall.Reply;
import io.tandem.core.json.JsonMappers;
import java.util.Objects;
import java.util.Optional;
import org.elasticsearch.client.RestClient;

/**
 * The old index's {@code index.blocks.write}: set after a cutover on request, so that a writer still pointed at the
 * old index fails loudly instead of writing where nobody reads any more; put back by a rollback.
 */
final class WriteBlock {

    static final String SETTING = "index.blocks.write";

    private final RestClient client;

    WriteBlock(RestClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** The explicit value ({@code "true"}/{@code "false"}), or empty when the index has the default (no block). */
    Optional<String> current(String index) {
        Reply reply = EngineCall.send(client, "GET", "/" + EngineCall.segment(index) + "/_settings?flat_settings=true", null);
        if (!reply.ok()) {
            throw reply.refused();
        }
        JsonNode value = reply.body().path(index).path("settings").path(SETTING);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** Sets the block to {@code value}, or back to the default (no block) when {@code value} is null. */
    void set(String index, String value) {
        ObjectNode body = JsonMappers.PLAIN.createObjectNode();
        body.put(SETTING, value);
        Reply reply = EngineCall.send(client, "PUT", "/" + EngineCall.segment(index) + "/_settings", body);
        if (!reply.ok()) {
            throw reply.refused();
        }
    }
}
