package io.tandem.ops.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.schema.CanonicalJson;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an engine adds on its own to what it was sent, so that a definition read back is not taken for a different
 * one: a setting at its default that one engine lists and another does not, and the defaults ISM fills into every
 * policy it answers.
 */
final class EngineDefaults {

    /** Settings some engine lists at their default although nobody set them (OpenSearch 2.x: replication.type). */
    private static final Map<String, String> SETTINGS = Map.of("index.replication.type", "DOCUMENT");

    /**
     * Settings an operator or Tandem itself changes on a live index (replicas and refresh during the bulk load,
     * gc_deletes for the migration): set when an index is created, not held against an index that exists.
     */
    private static final Set<String> OPERATIONAL = Set.of("index.number_of_replicas", "index.auto_expand_replicas",
            "index.refresh_interval", "index.translog.durability", "index.translog.sync_interval",
            "index.translog.flush_threshold_size", "index.gc_deletes");

    /** ISM's retry of every action unless told otherwise. */
    private static final String ISM_RETRY = CanonicalJson.of(JsonNodeFactory.instance.objectNode()
            .put("count", 3).put("backoff", "exponential").put("delay", "1m"));
    /** Action parameters ISM answers at their default: action -> parameter -> default. */
    private static final Map<String, Map<String, String>> ISM_ACTION_DEFAULTS = Map.of(
            "allocation", Map.of("wait_for", "false"),
            "rollover", Map.of("copy_alias", "false"),
            "shrink", Map.of("force_unsafe", "false", "switch_aliases", "false"));

    private EngineDefaults() {
    }

    static boolean isDefaultSetting(String key, JsonNode value) {
        String defaultValue = SETTINGS.get(key);
        return defaultValue != null && defaultValue.equals(CanonicalJson.of(value));
    }

    static boolean isOperational(String key) {
        return OPERATIONAL.contains(key);
    }

    /** An ISM policy body ({@code {"policy":{...}}}) without the defaults ISM fills in; ILM bodies pass unchanged. */
    static ObjectNode withoutIsmDefaults(ObjectNode definition) {
        ObjectNode copy = definition.deepCopy();
        JsonNode policy = copy.path("policy");
        if (!policy.isObject() || !policy.has("states")) {
            return copy;
        }
        JsonNode template = policy.get("ism_template");
        if (template != null && template.isObject()) {
            ((ObjectNode) policy).set("ism_template", JsonNodeFactory.instance.arrayNode().add(template));
        }
        for (JsonNode state : policy.path("states")) {
            for (JsonNode action : state.path("actions")) {
                if (!action.isObject()) {
                    continue;
                }
                ObjectNode actionObject = (ObjectNode) action;
                if (ISM_RETRY.equals(CanonicalJson.of(actionObject.get("retry")))) {
                    actionObject.remove("retry");
                }
                ISM_ACTION_DEFAULTS.forEach((name, defaults) -> {
                    if (actionObject.path(name).isObject()) {
                        ObjectNode parameters = (ObjectNode) actionObject.get(name);
                        defaults.forEach((parameter, value) -> {
                            if (value.equals(CanonicalJson.of(parameters.get(parameter)))) {
                                parameters.remove(parameter);
                            }
                        });
                    }
                });
            }
        }
        return copy;
    }

    static List<String> operationalSettings() {
        return OPERATIONAL.stream().sorted().toList();
    }
}
