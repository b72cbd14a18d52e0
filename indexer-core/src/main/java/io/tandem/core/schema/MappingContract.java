package io.tandem.core.schema;

import io.tandem.core.cluster.EngineCall;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.cluster.EngineCall.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.elasticsearch.client.RestClient;

/**
 * Holds a live index to its {@link IndexDefinition}, as one would a database table to its schema: creates the index
 * from the definition, and checks a live index (or the index behind an alias) against it.
 */
public final class MappingContract {

    private final RestClient client;

    public MappingContract(RestClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Compares the live mappings of {@code index}, and its analysis settings, with the contract.
     *
     * @param index an index name or an alias of exactly one index
     * @throws IllegalStateException when the name resolves to several indices, or the engine refuses the request
     */
    public ContractResult check(String index, IndexDefinition expected) {
        Objects.requireNonNull(expected, "expected");
        Reply reply = EngineCall.send(client, "GET", "/" + EngineCall.segment(index) + "?flat_settings=true", null);
        if (reply.status() == 404) {
            return ContractResult.missing(index);
        }
        Map.Entry<String, JsonNode> concrete = reply.oneIndex(index, "a contract is checked against one concrete index");
        JsonNode liveIndex = concrete.getValue();
        JsonNode mappings = liveIndex.path("mappings");
        ObjectNode live = mappings.isObject() ? (ObjectNode) mappings : JsonNodeFactory.instance.objectNode();
        List<MappingDifference> differences = new ArrayList<>(MappingDiff.compare(expected.mappings(), live));
        differences.addAll(AnalysisDiff.compare(expected.settings(), liveIndex.path("settings")));
        return new ContractResult(index, concrete.getKey(), true, differences);
    }

    /**
     * Creates {@code index} from the definition.
     *
     * @throws IndexAlreadyExistsException when an index or alias of that name exists
     * @throws IllegalArgumentException    when the engine rejects the definition (with the engine's reason)
     */
    public void createIndex(String index, IndexDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        Reply reply = EngineCall.send(client, "PUT", "/" + EngineCall.segment(index), definition.toCreateBody());
        String error = reply.errorType();
        if (error.equals("resource_already_exists_exception")) {
            throw new IndexAlreadyExistsException(index, "as an index");
        }
        if (error.equals("invalid_index_name_exception") && reply.body().path("error").path("reason").asText().contains("alias")) {
            throw new IndexAlreadyExistsException(index, "as an alias");
        }
        if (reply.status() == 400) {
            throw new IllegalArgumentException("index definition rejected: " + reply.failure());
        }
        if (!reply.ok()) {
            throw reply.refused();
        }
        if (!reply.body().path("acknowledged").asBoolean(false)) {
            throw new IllegalStateException(reply.request() + ": the cluster did not acknowledge the new index in time");
        }
    }
}
