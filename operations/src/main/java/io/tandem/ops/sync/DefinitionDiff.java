package io.tandem.ops.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.schema.CanonicalJson;
import io.tandem.core.schema.FlatSettings;
import io.tandem.core.schema.MappingDiff;
import io.tandem.core.schema.MappingDifference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares what schema sync wants on the target with what the target holds, by meaning rather than by spelling:
 * settings flat or nested, numbers as strings, an engine's defaults ({@link EngineDefaults}), and mappings through
 * {@link MappingDiff}, which knows the mapping defaults. An empty result means "the same": a second apply does nothing.
 *
 * <p>For an index that exists, the operational settings (replicas, refresh, translog, gc_deletes) are not compared,
 * and aliases only on the target are left alone (the cutover adds its own); for templates and policies every part
 * counts.
 */
public final class DefinitionDiff {

    private DefinitionDiff() {
    }

    /**
     * The differences, {@code wanted} against {@code live}; both are bodies as {@link SchemaResource} holds them, the
     * wanted one cleaned.
     */
    public static List<DefinitionDifference> compare(ResourceKind kind, ObjectNode wanted, ObjectNode live) {
        Objects.requireNonNull(kind, "kind");
        List<DefinitionDifference> out = new ArrayList<>();
        switch (kind) {
            case INDEX -> {
                settings("settings.", wanted.path("settings"), live.path("settings"), true, out);
                mappings("mappings", wanted.path("mappings"), live.path("mappings"), true, out);
                wantedAliases(wanted.path("aliases"), live.path("aliases"), out);
            }
            case LEGACY_TEMPLATE -> template("", wanted, live, out);
            case COMPONENT_TEMPLATE, INDEX_TEMPLATE -> {
                generic("", without(wanted, "template"), without(live, "template"), out);
                template("template.", wanted.path("template"), live.path("template"), out);
            }
            case LIFECYCLE_POLICY -> generic("", EngineDefaults.withoutIsmDefaults(wanted),
                    EngineDefaults.withoutIsmDefaults(live), out);
        }
        return List.copyOf(out);
    }

    /** A template body: its settings and mappings by meaning, everything else (patterns, order, aliases) as JSON. */
    private static void template(String prefix, JsonNode wanted, JsonNode live, List<DefinitionDifference> out) {
        generic(prefix, without(wanted, "settings", "mappings"), without(live, "settings", "mappings"), out);
        settings(prefix + "settings.", wanted.path("settings"), live.path("settings"), false, out);
        mappings(prefix + "mappings", wanted.path("mappings"), live.path("mappings"), false, out);
    }

    private static void settings(String prefix, JsonNode wanted, JsonNode live, boolean existingIndex,
                                 List<DefinitionDifference> out) {
        SortedMap<String, JsonNode> wantedFlat = comparable(wanted, existingIndex);
        SortedMap<String, JsonNode> liveFlat = comparable(live, existingIndex);
        TreeSet<String> keys = new TreeSet<>(wantedFlat.keySet());
        keys.addAll(liveFlat.keySet());
        for (String key : keys) {
            difference(prefix + key, wantedFlat.get(key), liveFlat.get(key), false, out);
        }
    }

    private static SortedMap<String, JsonNode> comparable(JsonNode settings, boolean existingIndex) {
        SortedMap<String, JsonNode> flat = new TreeMap<>();
        FlatSettings.of(settings).forEach((key, value) -> {
            if (!DefinitionCleaner.isStripped(key) && !EngineDefaults.isDefaultSetting(key, value)
                    && !(existingIndex && EngineDefaults.isOperational(key))) {
                flat.put(key, value);
            }
        });
        return flat;
    }

    private static void mappings(String prefix, JsonNode wanted, JsonNode live, boolean index, List<DefinitionDifference> out) {
        for (MappingDifference d : MappingDiff.compare(object(wanted), object(live))) {
            String path = prefix + (d.path().isEmpty() ? "" : "." + d.path());
            switch (d.kind()) {
                // a field the target lacks can be added to an existing index; nothing else about a mapping can change
                case FIELD_REMOVED -> out.add(new DefinitionDifference(path, d.expected(), null, index));
                case FIELD_ADDED -> out.add(new DefinitionDifference(path, null, d.actual(), false));
                // in an index, what dynamic mapping added where the wanted definition lets the engine add it is no
                // difference (a template is never mapped dynamically: there it is one)
                case DYNAMIC_FIELD_ADDED -> {
                    if (!index) {
                        out.add(new DefinitionDifference(path, null, d.actual(), false));
                    }
                }
                default -> out.add(new DefinitionDifference(path + "." + d.parameter(),
                        d.expected() == null ? "(unset)" : d.expected(), d.actual() == null ? "(unset)" : d.actual(), false));
            }
        }
    }

    /** Each wanted alias must be there as wanted; an alias only on the target is not ours to judge. */
    private static void wantedAliases(JsonNode wanted, JsonNode live, List<DefinitionDifference> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = wanted.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> alias = it.next();
            JsonNode liveAlias = live.get(alias.getKey());
            String wantedValue = CanonicalJson.of(alias.getValue());
            if (liveAlias == null) {
                out.add(new DefinitionDifference("aliases." + alias.getKey(), alias.getValue().toString(), null, true));
            } else if (!Objects.equals(wantedValue, CanonicalJson.of(liveAlias))) {
                out.add(new DefinitionDifference("aliases." + alias.getKey(), alias.getValue().toString(), liveAlias.toString(), true));
            }
        }
    }

    /** Leaf by leaf. */
    private static void generic(String prefix, JsonNode wanted, JsonNode live, List<DefinitionDifference> out) {
        Map<String, JsonNode> wantedLeaves = JsonLeaves.of(wanted, "");
        Map<String, JsonNode> liveLeaves = JsonLeaves.of(live, "");
        TreeSet<String> paths = new TreeSet<>(wantedLeaves.keySet());
        paths.addAll(liveLeaves.keySet());
        for (String path : paths) {
            difference(prefix + path, wantedLeaves.get(path), liveLeaves.get(path), false, out);
        }
    }

    private static void difference(String path, JsonNode wanted, JsonNode live, boolean fixableInPlace,
                                   List<DefinitionDifference> out) {
        if (!Objects.equals(CanonicalJson.of(wanted), CanonicalJson.of(live))) {
            out.add(new DefinitionDifference(path, CanonicalJson.shown(wanted), CanonicalJson.shown(live), fixableInPlace));
        }
    }

    private static JsonNode without(JsonNode node, String... fields) {
        if (!node.isObject()) {
            return JsonNodeFactory.instance.objectNode();
        }
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        for (String field : fields) {
            copy.remove(field);
        }
        return copy;
    }

    private static ObjectNode object(JsonNode node) {
        return node.isObject() ? (ObjectNode) node : JsonNodeFactory.instance.objectNode();
    }
}
