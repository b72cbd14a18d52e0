package io.tandem.ops.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.cluster.EngineCall;
import io.tandem.core.cluster.EngineCall.Reply;
import io.tandem.ops.sync.ClusterSchema.IndexStatus;
import io.tandem.core.source.EngineInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.elasticsearch.client.RestClient;

/**
 * Reads the schema resources of a cluster: lifecycle policies, legacy templates, component and composable templates
 * (where the version has them), and the settings, mappings and aliases of the open indices asked for. Changes nothing.
 */
public final class SchemaReader {

    /** Index names per {@code GET /a,b,c}: keeps the request line short. */
    private static final int INDICES_PER_REQUEST = 50;

    private final RestClient client;

    public SchemaReader(RestClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Reads the cluster.
     *
     * @param readIndex which listed indices to read (the others are only listed, with their status); closed indices
     *                  are never read
     * @throws IllegalStateException when the cluster refuses a request (with its reason)
     */
    public ClusterSchema read(Predicate<String> readIndex) {
        EngineInfo engine = EngineInfo.detect(client);
        EngineCapabilities capabilities = new EngineCapabilities(engine);
        List<String> notes = new ArrayList<>();
        LifecyclePolicyApi.Policies policies = new LifecyclePolicyApi(client).read(capabilities.lifecycleApi());
        if (policies.note() != null) {
            notes.add(policies.note() + ": lifecycle policies not read");
        }
        List<SchemaResource> resources = new ArrayList<>(policies.policies());
        // 6.7+ warns on every read that does not say it wants the types it answers anyway
        String types = capabilities.typedMappings() && engine.minor() >= 7 ? "&include_type_name=true" : "";
        resources.addAll(legacyTemplates(types));
        if (capabilities.composableTemplates()) {
            resources.addAll(templates("/_component_template", "component_templates", "component_template",
                    ResourceKind.COMPONENT_TEMPLATE));
            resources.addAll(templates("/_index_template", "index_templates", "index_template", ResourceKind.INDEX_TEMPLATE));
        }
        TreeMap<String, IndexStatus> indices = listIndices(capabilities);
        List<String> toRead = indices.entrySet().stream()
                .filter(e -> e.getValue() == IndexStatus.OPEN && readIndex.test(e.getKey()))
                .map(Map.Entry::getKey).toList();
        resources.addAll(indices(toRead, types));
        return new ClusterSchema(engine, policies.api(), indices, aliases(), resources, notes);
    }

    private List<SchemaResource> legacyTemplates(String types) {
        JsonNode body = get("/_template?flat_settings=true" + types);
        List<SchemaResource> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            out.add(new SchemaResource(ResourceKind.LEGACY_TEMPLATE, entry.getKey(), object(entry.getValue())));
        }
        return sorted(out);
    }

    /** {@code {"<list>":[{"name":..., "<item>":{...}}]}}, the shape of both composable template APIs. */
    private List<SchemaResource> templates(String path, String list, String item, ResourceKind kind) {
        JsonNode body = get(path + "?flat_settings=true");
        List<SchemaResource> out = new ArrayList<>();
        for (JsonNode entry : body.path(list)) {
            out.add(new SchemaResource(kind, entry.path("name").asText(), object(entry.path(item))));
        }
        return sorted(out);
    }

    private TreeMap<String, IndexStatus> listIndices(EngineCapabilities capabilities) {
        // hidden indices are listed only when asked for; before 7.7 there are none and the parameter is refused
        JsonNode rows = get("/_cat/indices?format=json&h=index,status"
                + (capabilities.hiddenIndices() ? "&expand_wildcards=all" : ""));
        TreeMap<String, IndexStatus> indices = new TreeMap<>();
        for (JsonNode row : rows) {
            indices.put(row.path("index").asText(), "close".equals(row.path("status").asText()) ? IndexStatus.CLOSED : IndexStatus.OPEN);
        }
        return indices;
    }

    private TreeMap<String, List<String>> aliases() {
        TreeMap<String, List<String>> aliases = new TreeMap<>();
        for (JsonNode row : get("/_cat/aliases?format=json&h=alias,index")) {
            aliases.computeIfAbsent(row.path("alias").asText(), a -> new ArrayList<>()).add(row.path("index").asText());
        }
        return aliases;
    }

    private List<SchemaResource> indices(List<String> names, String types) {
        List<SchemaResource> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i += INDICES_PER_REQUEST) {
            List<String> chunk = names.subList(i, Math.min(names.size(), i + INDICES_PER_REQUEST));
            String path = "/" + String.join(",", chunk.stream().map(EngineCall::segment).toList())
                    + "?flat_settings=true&ignore_unavailable=true&expand_wildcards=open" + types;
            JsonNode body = get(path);
            for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                ObjectNode definition = JsonNodeFactory.instance.objectNode();
                definition.set("settings", object(entry.getValue().path("settings")));
                definition.set("mappings", object(entry.getValue().path("mappings")));
                definition.set("aliases", object(entry.getValue().path("aliases")));
                out.add(new SchemaResource(ResourceKind.INDEX, entry.getKey(), definition));
            }
        }
        return sorted(out);
    }

    private JsonNode get(String path) {
        Reply reply = EngineCall.send(client, "GET", path, null);
        if (!reply.ok()) {
            throw reply.refused();
        }
        return reply.body();
    }

    private static ObjectNode object(JsonNode node) {
        return node.isObject() ? (ObjectNode) node : JsonNodeFactory.instance.objectNode();
    }

    private static List<SchemaResource> sorted(List<SchemaResource> resources) {
        return resources.stream().sorted(Comparator.comparing(SchemaResource::name)).toList();
    }
}
