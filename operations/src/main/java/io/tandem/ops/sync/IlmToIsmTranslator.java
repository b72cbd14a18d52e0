package io.tandem.ops.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Translates an Elasticsearch ILM policy into an OpenSearch ISM policy where a faithful translation exists, and says
 * what it could not translate.
 *
 * <p>Each ILM phase present becomes an ISM state of the same name, its actions in the order ILM runs them (ILM orders
 * a phase's actions itself; ISM runs them as listed). A state moves on to the next phase's state once the next phase's
 * {@code min_age} is reached: measured from the rollover when the policy rolls over in the hot phase
 * ({@code min_rollover_age}), from the index's creation otherwise ({@code min_index_age}), as ILM measures it. When
 * the first phase has a {@code min_age}, a state {@code new} without actions waits for it, as ILM's "new" phase does.
 *
 * <p>Translated: set_priority (index_priority), rollover (max_size, max_age, max_docs, max_primary_shard_size to
 * min_size, min_index_age, min_doc_count, min_primary_shard_size), readonly (read_only), forcemerge (force_merge,
 * max_num_segments), allocate (replica_count and allocation), delete. Not translated, each reported: shrink (ISM's
 * shrink leaves the source index in place and does not manage the shrunken one, where ILM replaces the source),
 * searchable_snapshot, freeze, migrate (no data tiers), wait_for_snapshot, unfollow, downsample, and any condition or
 * option without an ISM counterpart.
 */
public final class IlmToIsmTranslator {

    private static final List<String> PHASES = List.of("hot", "warm", "cold", "frozen", "delete");
    /** The order ILM runs a phase's actions in, whatever order the policy lists them in. */
    private static final Map<String, List<String>> ACTION_ORDER = Map.of(
            "hot", List.of("set_priority", "unfollow", "rollover", "readonly", "downsample", "shrink", "forcemerge",
                    "searchable_snapshot"),
            "warm", List.of("set_priority", "unfollow", "readonly", "downsample", "allocate", "migrate", "shrink", "forcemerge"),
            "cold", List.of("set_priority", "unfollow", "readonly", "downsample", "searchable_snapshot", "allocate",
                    "migrate", "freeze"),
            "frozen", List.of("unfollow", "searchable_snapshot"),
            "delete", List.of("wait_for_snapshot", "delete"));
    /** ILM rollover condition -> ISM rollover condition. */
    private static final Map<String, String> ROLLOVER_CONDITIONS = Map.of(
            "max_size", "min_size",
            "max_age", "min_index_age",
            "max_docs", "min_doc_count",
            "max_primary_shard_size", "min_primary_shard_size");
    private static final Map<String, String> NOT_TRANSLATED = Map.of(
            "shrink", "ISM's shrink leaves the source index in place and does not manage the shrunken index, where ILM "
                    + "replaces the source with it",
            "searchable_snapshot", "OpenSearch's ISM has no searchable snapshots",
            "freeze", "OpenSearch has no frozen indices",
            "migrate", "OpenSearch has no data tiers",
            "wait_for_snapshot", "ISM has no action that waits for a snapshot policy",
            "unfollow", "ISM has no cross-cluster replication action",
            "downsample", "ISM has no downsampling action (its rollup is a separate job)");
    private static final String INITIAL_STATE = "new";

    private final JsonNodeFactory json = JsonNodeFactory.instance;

    /**
     * Translates one policy.
     *
     * @param name        the policy's name, for the description and the messages
     * @param ilm         the ILM policy body, {@code {"policy":{"phases":{...}}}}, cleaned
     * @param attachments where the policy was attached (templates and indices naming it), becoming its ism_template
     */
    public PolicyTranslation translate(String name, ObjectNode ilm, List<IsmTemplate> attachments) {
        List<String> untranslated = new ArrayList<>();
        List<String> caveats = new ArrayList<>();
        JsonNode phases = ilm.path("policy").path("phases");
        for (Iterator<String> names = phases.fieldNames(); names.hasNext(); ) {
            String phase = names.next();
            if (!PHASES.contains(phase)) {
                untranslated.add(phase + ": not translated: not an ILM phase Tandem knows");
            }
        }
        List<String> present = PHASES.stream().filter(phases::has).toList();
        boolean rollsOver = false;
        ArrayNode states = json.arrayNode();
        if (!present.isEmpty() && !isZero(minAge(phases.get(present.get(0))))) {
            ObjectNode waiting = states.addObject().put("name", INITIAL_STATE);
            waiting.putArray("actions");
            waiting.putArray("transitions").add(transition(present.get(0), "min_index_age", minAge(phases.get(present.get(0)))));
        }
        for (int i = 0; i < present.size(); i++) {
            String phase = present.get(i);
            ArrayNode actions = actions(phase, phases.get(phase).path("actions"), untranslated, caveats);
            rollsOver |= containsRollover(actions);
            ObjectNode state = states.addObject().put("name", phase);
            state.set("actions", actions);
            ArrayNode transitions = state.putArray("transitions");
            if (i + 1 < present.size()) {
                String next = present.get(i + 1);
                transitions.add(transition(next, rollsOver ? "min_rollover_age" : "min_index_age", minAge(phases.get(next))));
            }
        }
        ObjectNode policy = json.objectNode();
        JsonNode meta = ilm.path("policy").path("_meta");
        policy.put("description", "Translated by Tandem from Elasticsearch ILM policy '" + name + "'"
                + (meta.isObject() && meta.size() > 0 ? "; _meta: " + meta : ""));
        policy.put("default_state", states.isEmpty() ? INITIAL_STATE : states.get(0).path("name").asText());
        if (states.isEmpty()) {
            // ISM needs one state; ILM without phases does nothing, and neither does a state without actions
            states.addObject().put("name", INITIAL_STATE).putArray("actions");
            ((ObjectNode) states.get(0)).putArray("transitions");
        }
        policy.set("states", states);
        if (attachments.isEmpty()) {
            caveats.add("no template or index names this policy: it attaches to no index until one is added "
                    + "(POST _plugins/_ism/add/<index>)");
        } else {
            ArrayNode templates = policy.putArray("ism_template");
            for (IsmTemplate attachment : attachments) {
                ObjectNode template = templates.addObject();
                attachment.indexPatterns().forEach(template.putArray("index_patterns")::add);
                template.put("priority", attachment.priority());
            }
        }
        if (rollsOver) {
            caveats.add("ISM's rollover takes the alias from index.plugins.index_state_management.rollover_alias "
                    + "(schema sync sets it from index.lifecycle.rollover_alias of the templates and indices it copies)");
        }
        ObjectNode definition = json.objectNode();
        definition.set("policy", policy);
        return new PolicyTranslation(definition, untranslated, caveats);
    }

    private ArrayNode actions(String phase, JsonNode ilmActions, List<String> untranslated, List<String> caveats) {
        List<String> order = new ArrayList<>(ACTION_ORDER.get(phase));
        // actions ILM does not list for this phase keep their place after the known ones, to be reported below
        ilmActions.fieldNames().forEachRemaining(action -> {
            if (!order.contains(action)) {
                order.add(action);
            }
        });
        ArrayNode out = json.arrayNode();
        for (String action : order) {
            JsonNode options = ilmActions.get(action);
            if (options == null) {
                continue;
            }
            String where = phase + "." + action;
            switch (action) {
                case "set_priority" -> {
                    if (options.path("priority").isNumber()) {
                        out.addObject().putObject("index_priority").set("priority", options.get("priority"));
                    } else {
                        untranslated.add(where + ": not translated: a null priority (removing it) has no ISM counterpart");
                    }
                }
                case "rollover" -> rollover(where, options, out, untranslated);
                case "readonly" -> out.addObject().putObject("read_only");
                case "forcemerge" -> {
                    out.addObject().putObject("force_merge").set("max_num_segments", options.path("max_num_segments"));
                    unsupportedOptions(where, options, List.of("max_num_segments"), untranslated);
                }
                case "allocate" -> allocate(where, options, out, untranslated, caveats);
                case "delete" -> out.addObject().putObject("delete");
                default -> untranslated.add(where + ": not translated: "
                        + NOT_TRANSLATED.getOrDefault(action, "no faithful ISM counterpart"));
            }
        }
        return out;
    }

    private void rollover(String where, JsonNode options, ArrayNode out, List<String> untranslated) {
        ObjectNode conditions = json.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> condition = it.next();
            String ism = ROLLOVER_CONDITIONS.get(condition.getKey());
            if (ism != null) {
                conditions.set(ism, condition.getValue());
            } else {
                untranslated.add(where + "." + condition.getKey() + ": not translated: ISM's rollover has no such condition");
            }
        }
        if (conditions.isEmpty()) {
            // ISM would roll over at once without a condition
            untranslated.add(where + ": not translated: none of its conditions has an ISM counterpart");
        } else {
            out.addObject().set("rollover", conditions);
        }
    }

    private void allocate(String where, JsonNode options, ArrayNode out, List<String> untranslated, List<String> caveats) {
        if (options.has("number_of_replicas")) {
            out.addObject().putObject("replica_count").set("number_of_replicas", options.get("number_of_replicas"));
        }
        ObjectNode allocation = json.objectNode();
        for (String filter : List.of("require", "include", "exclude")) {
            if (options.path(filter).isObject() && options.path(filter).size() > 0) {
                allocation.set(filter, options.get(filter));
            }
        }
        if (!allocation.isEmpty()) {
            out.addObject().set("allocation", allocation);
            caveats.add(where + ": ISM's allocation sets the same filters but does not wait for the shards to move "
                    + "before the next action, as ILM's allocate does");
        }
        unsupportedOptions(where, options, List.of("number_of_replicas", "require", "include", "exclude"), untranslated);
    }

    private static void unsupportedOptions(String where, JsonNode options, List<String> supported, List<String> untranslated) {
        options.fieldNames().forEachRemaining(option -> {
            if (!supported.contains(option)) {
                untranslated.add(where + "." + option + ": not translated: ISM's action has no such option");
            }
        });
    }

    private ObjectNode transition(String state, String condition, String age) {
        ObjectNode transition = json.objectNode().put("state_name", state);
        if (!isZero(age)) {
            transition.putObject("conditions").put(condition, age);
        }
        return transition;
    }

    private static boolean containsRollover(ArrayNode actions) {
        for (JsonNode action : actions) {
            if (action.has("rollover")) {
                return true;
            }
        }
        return false;
    }

    private static String minAge(JsonNode phase) {
        return phase.path("min_age").asText("0ms");
    }

    /** "0ms", "0s", "0d", "0": no wait at all. */
    private static boolean isZero(String age) {
        return age.matches("0+(\\.0+)?[a-z]*");
    }
}
