package io.tandem.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.DotPath;
import io.tandem.core.schema.MappingDifference.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Compares the mappings of the contract with those of a live index, field by field.
 *
 * <p>What the engines only spell differently is not a difference: an object's implied {@code "type":"object"},
 * {@code dynamic} as a string or a boolean, numbers and booleans given as strings, a one-element array for a single
 * value ({@code copy_to}), a parameter left out because it has its default ({@link MappingDefaults}), and a
 * {@code search_analyzer} left out because it equals the {@code analyzer}.
 *
 * <p>What dynamic mapping may add is not drift either. A field only in the live index, under an object (or the root)
 * where both the contract and the live mapping let the engine add fields ({@code dynamic} {@code true} or
 * {@code runtime}, inherited from the nearest parent that sets it, as the engines do), is reported as
 * {@link Kind#DYNAMIC_FIELD_ADDED}: information, not a difference. That covers a whole sub-object added there, whatever
 * a dynamic template mapped it to, and a runtime field (the root's {@code runtime} section) under such an object. When
 * no level sets {@code dynamic}, the engines' default applies: {@code true}, so a contract that wants every undeclared
 * field reported sets {@code "dynamic": "strict"} at its root. Under {@code strict} or {@code false} (where the engine
 * adds nothing), under a disabled object ({@code enabled: false}), and as a new multi-field of a declared field, an
 * added field stays {@link Kind#FIELD_ADDED}; so does any change to a declared field.
 */
public final class MappingDiff {

    /** Keys that shape the tree rather than configure a field: compared by the walk itself. */
    private static final Set<String> STRUCTURE = Set.of("type", "properties", "fields", "dynamic");
    private static final Set<String> ANALYSIS = Set.of("analyzer", "search_analyzer", "search_quote_analyzer", "normalizer");
    private static final String OBJECT = "object";
    private static final String NESTED = "nested";
    private static final String RUNTIME = "runtime";
    /** The values of {@code dynamic} under which the engine adds an undeclared field to the mapping. */
    private static final Set<String> ADDING = Set.of("true", RUNTIME);
    /** An index's root is dynamic unless told otherwise. */
    private static final String ROOT_DYNAMIC_DEFAULT = "true";
    /** Shown when no analyzer is set: the index's default analyzer, which is literally named "default". */
    private static final String DEFAULT_ANALYZER = "default";

    private MappingDiff() {
    }

    /**
     * The differences, in path order (runtime fields first), the allowed {@link Kind#DYNAMIC_FIELD_ADDED} among them:
     * the live mappings keep the contract when every one is {@link MappingDifference#allowed()} (see
     * {@link ContractResult}, which sorts them apart).
     *
     * @param expectedMappings the contract's {@code mappings} object
     * @param liveMappings     the live index's {@code mappings} object, as {@code GET /<index>/_mapping} returns it
     */
    public static List<MappingDifference> compare(ObjectNode expectedMappings, ObjectNode liveMappings) {
        Objects.requireNonNull(expectedMappings, "expectedMappings");
        Objects.requireNonNull(liveMappings, "liveMappings");
        List<MappingDifference> out = new ArrayList<>();
        String expectedDynamic = dynamicOf(expectedMappings, ROOT_DYNAMIC_DEFAULT);
        String liveDynamic = dynamicOf(liveMappings, ROOT_DYNAMIC_DEFAULT);
        if (!expectedDynamic.equals(liveDynamic)) {
            out.add(MappingDifference.changed("", Kind.DYNAMIC_CHANGED, "dynamic", expectedDynamic, liveDynamic));
        }
        for (String parameter : keysOf(expectedMappings, liveMappings)) {
            if (STRUCTURE.contains(parameter)) {
                continue;
            }
            JsonNode expected = expectedMappings.get(parameter);
            JsonNode live = liveMappings.get(parameter);
            if (parameter.equals(RUNTIME) && live != null && live.isObject()) {
                live = withoutDynamicRuntimeFields(expectedMappings, liveMappings, expected, (ObjectNode) live, out);
            }
            compareParameter("", null, parameter, expected, live, out);
        }
        compareChildren("", expectedMappings.path("properties"), liveMappings.path("properties"),
                expectedDynamic, liveDynamic, addsFields(expectedMappings, expectedDynamic, liveDynamic), out);
        return List.copyOf(out);
    }

    /**
     * The live {@code runtime} section without the runtime fields dynamic mapping added where the contract allows it
     * (each reported as {@link Kind#DYNAMIC_FIELD_ADDED}); {@code null} when nothing else is left and the contract has
     * no runtime section, so that only the rest is compared.
     */
    private static JsonNode withoutDynamicRuntimeFields(ObjectNode expectedMappings, ObjectNode liveMappings,
                                                        JsonNode expectedRuntime, ObjectNode liveRuntime,
                                                        List<MappingDifference> out) {
        ObjectNode rest = liveRuntime.deepCopy();
        for (String name : keysOf(liveRuntime, liveRuntime)) {
            if (expectedRuntime != null && expectedRuntime.has(name)) {
                continue;
            }
            DotPath parent = DotPath.ofEngineField(name).parent();
            if (addsFieldsAt(expectedMappings, parent) && addsFieldsAt(liveMappings, parent)) {
                out.add(MappingDifference.dynamicallyAdded(name, typeOf(liveRuntime.get(name))));
                rest.remove(name);
            }
        }
        return rest.isEmpty() && expectedRuntime == null ? null : rest;
    }

    /**
     * Whether the engine adds undeclared fields under the object at the {@code path} of {@code mappings}
     * (possibly the root): {@code dynamic} as that object inherits it, the levels below the last one the mappings
     * declare inheriting from it, as a new object does; nothing under a disabled object or a leaf field.
     */
    private static boolean addsFieldsAt(JsonNode mappings, DotPath path) {
        JsonNode node = mappings;
        String dynamic = dynamicOf(mappings, ROOT_DYNAMIC_DEFAULT);
        for (String name : path.segments()) {
            if (disabled(node)) {
                return false;
            }
            JsonNode child = node.path("properties").get(name);
            if (child == null) {
                break;
            }
            String type = typeOf(child);
            if (!type.equals(OBJECT) && !type.equals(NESTED)) {
                return false;
            }
            node = child;
            dynamic = dynamicOf(child, dynamic);
        }
        return ADDING.contains(dynamic) && !disabled(node);
    }

    /**
     * Whether undeclared fields under an object (or the root) are the engine's doing, allowed by the contract: both
     * sides let the engine add them, and the contract's object is not disabled.
     */
    private static boolean addsFields(JsonNode expectedObject, String expectedDynamic, String liveDynamic) {
        return ADDING.contains(expectedDynamic) && ADDING.contains(liveDynamic) && !disabled(expectedObject);
    }

    /** {@code enabled: false}: the engine keeps what is under it in _source only, and maps nothing there. */
    private static boolean disabled(JsonNode object) {
        return "false".equals(CanonicalJson.of(object.get("enabled")));
    }

    /**
     * Compares two {@code properties} (or multi-field {@code fields}) objects under {@code parent}; a field only in
     * the live one is allowed when {@code dynamicAllowed} (see {@link #addsFields}).
     */
    private static void compareChildren(String parent, JsonNode expected, JsonNode live, String expectedDynamic,
                                        String liveDynamic, boolean dynamicAllowed, List<MappingDifference> out) {
        for (String name : keysOf(expected, live)) {
            String path = parent.isEmpty() ? name : parent + "." + name;
            JsonNode expectedField = expected.get(name);
            JsonNode liveField = live.get(name);
            if (liveField == null) {
                out.add(MappingDifference.removed(path, typeOf(expectedField)));
            } else if (expectedField == null) {
                out.add(dynamicAllowed ? MappingDifference.dynamicallyAdded(path, typeOf(liveField))
                        : MappingDifference.added(path, typeOf(liveField)));
            } else {
                compareField(path, expectedField, liveField, expectedDynamic, liveDynamic, out);
            }
        }
    }

    private static void compareField(String path, JsonNode expected, JsonNode live,
                                     String parentExpectedDynamic, String parentLiveDynamic, List<MappingDifference> out) {
        String type = typeOf(expected);
        String liveType = typeOf(live);
        if (!type.equals(liveType)) {
            // parameters and children of another type mean something else: the type change says it all
            out.add(MappingDifference.changed(path, Kind.TYPE_CHANGED, "type", type, liveType));
            return;
        }
        compareAnalysis(path, expected, live, out);
        String expectedDynamic = parentExpectedDynamic;
        String liveDynamic = parentLiveDynamic;
        if (type.equals(OBJECT) || type.equals(NESTED)) {
            expectedDynamic = dynamicOf(expected, parentExpectedDynamic);
            liveDynamic = dynamicOf(live, parentLiveDynamic);
            // where neither side sets it, both inherit: a difference of the parent was reported there already
            if ((expected.has("dynamic") || live.has("dynamic")) && !expectedDynamic.equals(liveDynamic)) {
                out.add(MappingDifference.changed(path, Kind.DYNAMIC_CHANGED, "dynamic", expectedDynamic, liveDynamic));
            }
        }
        for (String parameter : keysOf(expected, live)) {
            if (!STRUCTURE.contains(parameter) && !ANALYSIS.contains(parameter)) {
                compareParameter(path, type, parameter, expected.get(parameter), live.get(parameter), out);
            }
        }
        // dynamic mapping never adds a multi-field to a declared field: a new one is drift wherever it is
        compareChildren(path, expected.path("fields"), live.path("fields"), expectedDynamic, liveDynamic, false, out);
        boolean object = type.equals(OBJECT) || type.equals(NESTED);
        compareChildren(path, expected.path("properties"), live.path("properties"), expectedDynamic, liveDynamic,
                object && addsFields(expected, expectedDynamic, liveDynamic), out);
    }

    /**
     * Analyzers fall back on each other: search_analyzer defaults to analyzer, search_quote_analyzer to
     * search_analyzer, and the engines leave out a value equal to its fallback. A fallback value is compared only
     * where one side sets it, so one changed analyzer is reported once.
     */
    private static void compareAnalysis(String path, JsonNode expected, JsonNode live, List<MappingDifference> out) {
        String expectedAnalyzer = text(expected.get("analyzer"), DEFAULT_ANALYZER);
        String liveAnalyzer = text(live.get("analyzer"), DEFAULT_ANALYZER);
        analysis(path, "analyzer", expected, live, expectedAnalyzer, liveAnalyzer, out);
        String expectedSearch = text(expected.get("search_analyzer"), expectedAnalyzer);
        String liveSearch = text(live.get("search_analyzer"), liveAnalyzer);
        analysis(path, "search_analyzer", expected, live, expectedSearch, liveSearch, out);
        analysis(path, "search_quote_analyzer", expected, live,
                text(expected.get("search_quote_analyzer"), expectedSearch), text(live.get("search_quote_analyzer"), liveSearch), out);
        analysis(path, "normalizer", expected, live,
                text(expected.get("normalizer"), null), text(live.get("normalizer"), null), out);
    }

    private static void analysis(String path, String parameter, JsonNode expected, JsonNode live,
                                 String expectedValue, String liveValue, List<MappingDifference> out) {
        if ((expected.has(parameter) || live.has(parameter)) && !Objects.equals(expectedValue, liveValue)) {
            out.add(MappingDifference.changed(path, Kind.ANALYSIS_CHANGED, parameter, expectedValue, liveValue));
        }
    }

    private static void compareParameter(String path, String type, String parameter, JsonNode expected, JsonNode live,
                                         List<MappingDifference> out) {
        JsonNode expectedValue = expected != null ? expected : MappingDefaults.of(type, parameter);
        JsonNode liveValue = live != null ? live : MappingDefaults.of(type, parameter);
        if (!Objects.equals(CanonicalJson.of(expectedValue), CanonicalJson.of(liveValue))) {
            out.add(MappingDifference.changed(path, Kind.PARAMETER_CHANGED, parameter, CanonicalJson.shown(expectedValue),
                    CanonicalJson.shown(liveValue)));
        }
    }

    /** A field's type: one with properties (or without a type at all) is an object. */
    private static String typeOf(JsonNode field) {
        JsonNode type = field.get("type");
        return type != null && type.isTextual() ? type.asText() : OBJECT;
    }

    /** {@code dynamic} as one spelling ("true", "false", "strict", "runtime"), else the inherited value. */
    private static String dynamicOf(JsonNode node, String inherited) {
        JsonNode dynamic = node.get("dynamic");
        return dynamic == null || dynamic.isNull() ? inherited : dynamic.asText().toLowerCase(Locale.ROOT);
    }

    private static String text(JsonNode value, String fallback) {
        return value == null || value.isNull() ? fallback : value.asText();
    }

    /** Both sides' keys, sorted: the engines return mappings sorted by name, so differences read in that order. */
    private static SortedSet<String> keysOf(JsonNode expected, JsonNode live) {
        SortedSet<String> keys = new TreeSet<>();
        expected.fieldNames().forEachRemaining(keys::add);
        live.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
