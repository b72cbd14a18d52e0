package io.tandem.backfill.copy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.cluster.EngineCall;
import java.util.Iterator;
import java.util.UUID;
import org.elasticsearch.client.RestClient;

/**
 * Where a dry run writes: a scratch index with the target's mappings and analysis, so the target's own mapping judges
 * every transformed document (strict fields, types, formats) while the target index itself receives nothing.
 * No engine offers "validate this document against that mapping" without indexing it (7.x, OpenSearch 2).
 */
public final class DryRunIndex implements AutoCloseable {

    private final RestClient client;
    private final String name;

    private DryRunIndex(RestClient client, String name) {
        this.client = client;
        this.name = name;
    }

    public static DryRunIndex create(RestClient client, String targetIndex) {
        EngineCall.Reply mapping = EngineCall.send(client, "GET", "/" + EngineCall.segment(targetIndex) + "/_mapping", null);
        if (!mapping.ok()) {
            throw new IllegalStateException("dry run: the target index " + targetIndex + " must exist to validate against: "
                    + mapping.failure());
        }
        EngineCall.Reply settings = EngineCall.send(client, "GET", "/" + EngineCall.segment(targetIndex) + "/_settings", null);
        // an alias answers with the concrete index as the key
        JsonNode concreteMapping = first(mapping.body());
        JsonNode analysis = first(settings.body()).path("settings").path("index").path("analysis");
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode index = body.putObject("settings").putObject("index");
        index.put("number_of_shards", 1).put("number_of_replicas", 0);
        if (!analysis.isMissingNode()) {
            index.set("analysis", analysis);
        }
        body.set("mappings", concreteMapping.path("mappings"));
        String name = targetIndex + "-tandem-dry-run-" + UUID.randomUUID().toString().substring(0, 8);
        EngineCall.Reply created = EngineCall.send(client, "PUT", "/" + EngineCall.segment(name), body);
        if (!created.ok()) {
            throw created.refused("dry run: cannot create the scratch index: ");
        }
        return new DryRunIndex(client, name);
    }

    public String name() {
        return name;
    }

    private static JsonNode first(JsonNode byIndex) {
        Iterator<JsonNode> values = byIndex.elements();
        return values.hasNext() ? values.next() : JsonNodeFactory.instance.objectNode();
    }

    @Override
    public void close() {
        EngineCall.send(client, "DELETE", "/" + EngineCall.segment(name), null);
    }
}
