package io.tandem.ops.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Adapts the lifecycle settings of an index or template to the target's lifecycle API: an engine refuses a setting of
 * a plugin it does not have ({@code index.lifecycle.*} on OpenSearch, {@code index.plugins.index_state_management.*}
 * on Elasticsearch).
 *
 * <p>Towards ISM, {@code index.lifecycle.rollover_alias} becomes {@code index.plugins.index_state_management.rollover_alias}
 * (ISM's rollover reads it) and {@code index.lifecycle.name} is dropped, the translated policy attaching itself
 * through its {@code ism_template}. Every setting dropped is reported.
 */
final class LifecycleSettings {

    private static final String ILM = "index.lifecycle.";
    private static final String ILM_NAME = "index.lifecycle.name";
    private static final String ILM_ROLLOVER_ALIAS = "index.lifecycle.rollover_alias";
    private static final String ISM_ROLLOVER_ALIAS = "index.plugins.index_state_management.rollover_alias";
    private static final List<String> ISM = List.of("index.plugins.index_state_management.", "index.opendistro.index_state_management.");

    private LifecycleSettings() {
    }

    /** The policy an index or template names, from its flat settings; {@code null} when none. */
    static String ilmPolicyOf(Map<String, JsonNode> settings) {
        JsonNode name = settings.get(ILM_NAME);
        return name == null ? null : name.asText();
    }

    /**
     * The flat settings for a target with {@code target} as its lifecycle API.
     *
     * @param notes receives what was changed or dropped
     */
    static SortedMap<String, JsonNode> adapt(SortedMap<String, JsonNode> settings, LifecycleApi target, List<String> notes) {
        SortedMap<String, JsonNode> out = new TreeMap<>();
        for (Map.Entry<String, JsonNode> setting : settings.entrySet()) {
            String key = setting.getKey();
            boolean ilm = key.startsWith(ILM);
            boolean ism = ISM.stream().anyMatch(key::startsWith);
            if (ilm && target == LifecycleApi.ISM && key.equals(ILM_ROLLOVER_ALIAS)) {
                out.put(ISM_ROLLOVER_ALIAS, setting.getValue());
                notes.add(key + " became " + ISM_ROLLOVER_ALIAS);
            } else if (ilm && target == LifecycleApi.ISM && key.equals(ILM_NAME)) {
                notes.add(key + "=" + setting.getValue().asText() + " dropped: the ISM policy attaches itself by its ism_template");
            } else if ((ilm && target != LifecycleApi.ILM) || (ism && target != LifecycleApi.ISM)) {
                notes.add(key + " dropped: the target has " + (target == LifecycleApi.NONE ? "no lifecycle API" : "no such setting"));
            } else {
                out.put(key, setting.getValue());
            }
        }
        return out;
    }
}
