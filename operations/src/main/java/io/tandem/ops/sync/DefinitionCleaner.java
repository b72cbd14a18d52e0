package io.tandem.ops.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.schema.FlatSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Strips from a resource as read what the engine owns or what only makes sense on the cluster it was read from, so
 * that the rest can be sent to another cluster and compared with what that one holds.
 *
 * <p>Index settings: identity and history ({@code index.uuid}, {@code index.creation_date}, {@code index.version.*},
 * {@code index.provided_name}, {@code index.history.uuid}), leftovers of a resize ({@code index.resize.*},
 * {@code index.shrink.source.*}), blocks ({@code index.blocks.*}: a read-only source must not make a read-only
 * target), node placement ({@code index.routing.allocation.*}: node names and attributes of the old cluster), and
 * state flags ({@code index.verified_before_close}, {@code index.frozen}, {@code index.search.throttled},
 * {@code index.store.snapshot.*}, {@code index.data_path}); {@code index.mapping.single_type} of 6.x, gone in 7.
 * What Elasticsearch 7 accepts and newer engines refuse or ignore, all without meaning on an index with soft deletes:
 * {@code index.soft_deletes.enabled} (disabling it is refused from OpenSearch 2 and Elasticsearch 8 on),
 * {@code index.translog.retention.*} (refused by Elasticsearch 8 and 9, ignored with a warning by OpenSearch 2),
 * and in mappings {@code _field_names.enabled} (the same). Analysis settings are kept. Component and composable
 * templates: the timestamps Elasticsearch 9 keeps on them
 * ({@code created_date_millis}, {@code modified_date_millis}, with {@code ?human} also {@code created_date},
 * {@code modified_date}), which other engines refuse and which differ on every cluster. Lifecycle policies: {@code version}, {@code modified_date}, {@code modified_date_string},
 * {@code in_use_by} (ILM) and {@code _id}, {@code _version}, {@code _seq_no}, {@code _primary_term},
 * {@code policy_id}, {@code last_updated_time}, {@code schema_version} (ISM).
 */
public final class DefinitionCleaner {

    private static final Set<String> STRIPPED_SETTINGS = Set.of(
            "index.uuid", "index.creation_date", "index.creation_date_string", "index.provided_name",
            "index.history.uuid", "index.verified_before_close", "index.frozen", "index.search.throttled",
            "index.data_path", "index.mapping.single_type", "index.soft_deletes.enabled");
    private static final List<String> STRIPPED_SETTING_PREFIXES = List.of(
            "index.version.", "index.resize.", "index.shrink.source.", "index.blocks.", "index.routing.allocation.",
            "index.store.snapshot.", "index.translog.retention.");
    private static final String FIELD_NAMES = "_field_names";
    private static final List<String> TEMPLATE_TIMESTAMPS = List.of(
            "created_date_millis", "modified_date_millis", "created_date", "modified_date");
    private static final Set<String> ISM_READ_ONLY = Set.of("policy_id", "last_updated_time", "schema_version");

    /**
     * A definition with what was stripped from it.
     *
     * @param definition the body to send
     * @param stripped   the settings or fields removed, by name, for the plan
     */
    public record Cleaned(ObjectNode definition, List<String> stripped) {
        public Cleaned {
            definition = definition.deepCopy();
            stripped = List.copyOf(stripped);
        }

        @Override
        public ObjectNode definition() {
            return definition.deepCopy();
        }
    }

    private DefinitionCleaner() {
    }

    public static Cleaned clean(SchemaResource resource) {
        ObjectNode definition = resource.definition();
        List<String> stripped = new ArrayList<>();
        switch (resource.kind()) {
            case LIFECYCLE_POLICY -> {
                return cleanPolicy(definition);
            }
            case INDEX, LEGACY_TEMPLATE -> {
                cleanSettings(definition, stripped);
                cleanMappings(definition, stripped);
            }
            case COMPONENT_TEMPLATE, INDEX_TEMPLATE -> {
                TEMPLATE_TIMESTAMPS.stream().filter(field -> definition.remove(field) != null).forEach(stripped::add);
                if (definition.path("template").isObject()) {
                    cleanSettings((ObjectNode) definition.get("template"), stripped);
                    cleanMappings((ObjectNode) definition.get("template"), stripped);
                }
            }
        }
        return new Cleaned(definition, stripped);
    }

    /** Whether a flat index setting is one that is stripped. */
    public static boolean isStripped(String key) {
        return STRIPPED_SETTINGS.contains(key) || STRIPPED_SETTING_PREFIXES.stream().anyMatch(key::startsWith);
    }

    /** Replaces {@code settings} of the holder by its flat form without the stripped settings. */
    private static void cleanSettings(ObjectNode holder, List<String> stripped) {
        if (!holder.has("settings")) {
            return;
        }
        SortedMap<String, JsonNode> kept = new TreeMap<>();
        for (Map.Entry<String, JsonNode> setting : FlatSettings.of(holder.get("settings")).entrySet()) {
            if (isStripped(setting.getKey())) {
                stripped.add(setting.getKey());
            } else {
                kept.put(setting.getKey(), setting.getValue());
            }
        }
        holder.set("settings", FlatSettings.toObject(kept));
    }

    /**
     * Removes {@code _field_names.enabled} from the holder's mappings: typeless, or each type's of a typed (6.x)
     * mapping, where it sits one level down ({@code _field_names} cannot name a field, so nothing else matches).
     */
    private static void cleanMappings(ObjectNode holder, List<String> stripped) {
        JsonNode mappings = holder.path("mappings");
        if (!mappings.isObject()) {
            return;
        }
        List<ObjectNode> levels = new ArrayList<>(List.of((ObjectNode) mappings));
        mappings.fields().forEachRemaining(field -> {
            if (field.getValue().isObject() && field.getValue().has(FIELD_NAMES)) {
                levels.add((ObjectNode) field.getValue());
            }
        });
        for (ObjectNode level : levels) {
            if (level.path(FIELD_NAMES).isObject() && ((ObjectNode) level.get(FIELD_NAMES)).remove("enabled") != null) {
                stripped.add("mappings." + FIELD_NAMES + ".enabled");
                if (level.get(FIELD_NAMES).isEmpty()) {
                    level.remove(FIELD_NAMES);
                }
            }
        }
    }

    /** ILM: {@code {"version":..,"modified_date":..,"policy":{...},"in_use_by":..}}; ISM: {@code {"_id":..,"policy":{...}}}. */
    private static Cleaned cleanPolicy(ObjectNode read) {
        List<String> stripped = new ArrayList<>();
        read.fieldNames().forEachRemaining(name -> {
            if (!name.equals("policy")) {
                stripped.add(name);
            }
        });
        ObjectNode policy = read.path("policy").isObject() ? (ObjectNode) read.get("policy").deepCopy()
                : JsonNodeFactory.instance.objectNode();
        for (String field : ISM_READ_ONLY) {
            if (policy.remove(field) != null) {
                stripped.add("policy." + field);
            }
        }
        // one template object or a list of them: both are accepted, a list is answered
        JsonNode templates = policy.path("ism_template");
        for (JsonNode template : templates.isArray() ? templates : List.of(templates)) {
            if (template.isObject() && ((ObjectNode) template).remove("last_updated_time") != null
                    && !stripped.contains("policy.ism_template.last_updated_time")) {
                stripped.add("policy.ism_template.last_updated_time");
            }
        }
        ObjectNode definition = JsonNodeFactory.instance.objectNode();
        definition.set("policy", policy);
        return new Cleaned(definition, stripped);
    }
}
