package io.tandem.ops.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tandem.core.schema.FlatSettings;
import io.tandem.core.schema.IndexDefinition;
import io.tandem.ops.sync.ClusterSchema.IndexStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Decides, resource by resource, what schema sync does: compares what the source (or a definition file) says each
 * policy, template and index should be on the target with what the target holds. Sends nothing.
 *
 * <p>Left out, each with its reason: system resources (names starting with '.'), hidden and closed indices, resources
 * an engine manages itself ({@code _meta.managed}), names not selected by the include/exclude patterns, and what the
 * target has no API for.
 */
public final class SyncPlanner {

    private static final String SHARDS = "index.number_of_shards";
    private static final String REPLICAS = "index.number_of_replicas";
    private static final String HIDDEN = "index.hidden";

    private final IlmToIsmTranslator translator = new IlmToIsmTranslator();

    /**
     * Source index name to target name, for the indices a plan may create: the target must be read for those names.
     */
    public static Map<String, String> candidateIndices(ClusterSchema source, SyncOptions options) {
        Map<String, String> names = new LinkedHashMap<>();
        source.indices().forEach((name, status) -> {
            if (isCandidate(name, options)) {
                names.put(name, options.targetName(name));
            }
        });
        return names;
    }

    /** Whether a source index may be copied at all, by its name: not a system index, and selected. */
    public static boolean isCandidate(String index, SyncOptions options) {
        return !isSystem(index) && options.filter().accepts(index);
    }

    /**
     * The plan.
     *
     * @throws IllegalArgumentException when the options do not fit the source: a rename rule or definition that
     *                                  applies to no selected index, two indices renamed to one name, a 6.x target
     */
    public SyncPlan plan(ClusterSchema source, ClusterSchema target, SyncOptions options) {
        if (target.capabilities().typedMappings()) {
            throw new IllegalArgumentException("target " + target.engine() + ": schema sync writes typeless mappings; "
                    + "the target must be Elasticsearch 7+ or OpenSearch");
        }
        List<String> notes = new ArrayList<>();
        source.notes().forEach(note -> notes.add("source " + source.engine() + ": " + note));
        target.notes().forEach(note -> notes.add("target " + target.engine() + ": " + note));
        Context context = new Context(source, target, options);
        List<PlannedChange> indices = indices(context);
        List<PlannedChange> changes = new ArrayList<>();
        changes.addAll(templates(context, ResourceKind.LEGACY_TEMPLATE));
        changes.addAll(templates(context, ResourceKind.COMPONENT_TEMPLATE));
        changes.addAll(templates(context, ResourceKind.INDEX_TEMPLATE));
        List<PlannedChange> policies = policies(context, changes, indices);
        changes.addAll(0, policies);
        changes.addAll(indices);
        return new SyncPlan(source.engine(), target.engine(), target.lifecycle(), changes, notes);
    }

    /** What one plan works from. */
    private static final List<String> OPENSEARCH_ONLY_SETTINGS = List.of("index.replication.type");

    private record Context(ClusterSchema source, ClusterSchema target, SyncOptions options) {
    }

    // ---- indices

    private List<PlannedChange> indices(Context context) {
        SyncOptions options = context.options();
        List<PlannedChange> out = new ArrayList<>();
        Map<String, String> targetOwners = new HashMap<>();
        for (Map.Entry<String, IndexStatus> listed : context.source().indices().entrySet()) {
            String name = listed.getKey();
            String reason = skipReason(name, options);
            if (reason == null && listed.getValue() == IndexStatus.CLOSED) {
                reason = "closed index";
            }
            Optional<SchemaResource> read = context.source().find(ResourceKind.INDEX, name);
            if (reason == null && read.isPresent() && isHidden(read.get())) {
                reason = "hidden index";
            }
            if (reason == null && read.isEmpty()) {
                reason = "not readable on the source (deleted while reading?)";
            }
            if (reason != null) {
                out.add(PlannedChange.skipped(ResourceKind.INDEX, name, reason));
                continue;
            }
            String targetName = options.targetName(name);
            String owner = targetOwners.putIfAbsent(targetName, name);
            if (owner != null) {
                throw new IllegalArgumentException("rename: source indices " + owner + " and " + name
                        + " would both become " + targetName);
            }
            out.add(index(context, read.get(), targetName));
        }
        checkRenamesAndDefinitions(options, targetOwners);
        return out;
    }

    private PlannedChange index(Context context, SchemaResource source, String targetName) {
        SyncOptions options = context.options();
        List<String> notes = new ArrayList<>();
        DefinitionCleaner.Cleaned cleaned = DefinitionCleaner.clean(source);
        ObjectNode sourceBody = cleaned.definition();
        SortedMap<String, JsonNode> settings;
        ObjectNode mappings;
        TargetDefinition defined = options.definitions().get(targetName);
        if (defined != null) {
            IndexDefinition definition = defined.definition();
            settings = new TreeMap<>(FlatSettings.of(definition.settings()));
            mappings = definition.mappings();
            notes.add("settings and mappings from " + defined.origin() + ", not from the source");
            if (!settings.containsKey(SHARDS)) {
                settings.put(SHARDS, FlatSettings.of(sourceBody.path("settings")).get(SHARDS));
            }
        } else {
            strippedNote(cleaned.stripped(), notes);
            settings = targetSettings(context, FlatSettings.of(sourceBody.path("settings")), notes);
            try {
                mappings = typeless(context, sourceBody.path("mappings"), notes);
            } catch (IllegalArgumentException e) {
                return PlannedChange.skipped(ResourceKind.INDEX, source.name(), e.getMessage());
            }
        }
        settings.put(REPLICAS, TextNode.valueOf(Integer.toString(options.replicas())));
        ObjectNode wanted = JsonNodeFactory.instance.objectNode();
        wanted.set("settings", FlatSettings.toObject(settings));
        wanted.set("mappings", mappings);
        wanted.set("aliases", options.aliases() && sourceBody.path("aliases").isObject()
                ? sourceBody.get("aliases") : JsonNodeFactory.instance.objectNode());
        List<String> aliased = context.target().aliases().get(targetName);
        if (aliased != null) {
            return new PlannedChange(ResourceKind.INDEX, targetName, source.name(), SyncAction.CONFLICT, wanted, List.of(),
                    "the name is an alias on the target (of " + String.join(", ", aliased) + ")", notes);
        }
        if (context.target().indices().get(targetName) == IndexStatus.CLOSED) {
            return new PlannedChange(ResourceKind.INDEX, targetName, source.name(), SyncAction.CONFLICT, wanted, List.of(),
                    "exists on the target as a closed index", notes);
        }
        return decide(ResourceKind.INDEX, targetName, source.name(), wanted,
                context.target().find(ResourceKind.INDEX, targetName), notes, options.overwriteConflicts());
    }

    private static void checkRenamesAndDefinitions(SyncOptions options, Map<String, String> targetOwners) {
        for (RenameRule rule : options.renames()) {
            if (targetOwners.values().stream().noneMatch(name -> rule.apply(name).isPresent())) {
                throw new IllegalArgumentException("rename " + rule + ": no selected source index matches " + rule.from());
            }
        }
        for (String defined : options.definitions().keySet()) {
            if (!targetOwners.containsKey(defined)) {
                throw new IllegalArgumentException("definition " + defined + ": no selected source index is named, "
                        + "or renamed to, " + defined);
            }
        }
    }

    // ---- templates

    private List<PlannedChange> templates(Context context, ResourceKind kind) {
        List<PlannedChange> out = new ArrayList<>();
        boolean composable = kind != ResourceKind.LEGACY_TEMPLATE;
        for (SchemaResource template : context.source().resources(kind)) {
            String reason = skipReason(template.name(), context.options());
            if (reason == null && managed(template.definition().path("_meta"))) {
                reason = "managed by the engine (_meta.managed)";
            }
            if (reason == null && composable && !context.target().capabilities().composableTemplates()) {
                reason = "the target (" + context.target().engine() + ") has no " + kind.singular() + "s";
            }
            if (reason != null) {
                out.add(PlannedChange.skipped(kind, template.name(), reason));
                continue;
            }
            List<String> notes = new ArrayList<>();
            DefinitionCleaner.Cleaned cleaned = DefinitionCleaner.clean(template);
            strippedNote(cleaned.stripped(), notes);
            ObjectNode wanted = cleaned.definition();
            ObjectNode holder = composable ? (wanted.path("template").isObject() ? (ObjectNode) wanted.get("template") : null) : wanted;
            if (holder != null) {
                if (holder.has("settings")) {
                    SortedMap<String, JsonNode> settings = FlatSettings.of(holder.get("settings"));
                    holder.set("settings", FlatSettings.toObject(targetSettings(context, settings, notes)));
                }
                try {
                    if (holder.has("mappings")) {
                        holder.set("mappings", typeless(context, holder.get("mappings"), notes));
                    }
                } catch (IllegalArgumentException e) {
                    out.add(PlannedChange.skipped(kind, template.name(), e.getMessage()));
                    continue;
                }
            }
            out.add(decide(kind, template.name(), template.name(), wanted, context.target().find(kind, template.name()),
                    notes, context.options().overwriteConflicts()));
        }
        return out;
    }

    // ---- lifecycle policies

    private List<PlannedChange> policies(Context context, List<PlannedChange> templates, List<PlannedChange> indices) {
        LifecycleApi from = context.source().lifecycle();
        LifecycleApi to = context.target().lifecycle();
        Map<String, List<IsmTemplate>> attachments = from == LifecycleApi.ILM && to == LifecycleApi.ISM
                ? IsmAttachments.of(context.source(), templates, indices) : Map.of();
        List<PlannedChange> out = new ArrayList<>();
        for (SchemaResource policy : context.source().resources(ResourceKind.LIFECYCLE_POLICY)) {
            String reason = skipReason(policy.name(), context.options());
            if (reason == null && managed(policy.definition().path("policy").path("_meta"))) {
                reason = "managed by the engine (_meta.managed)";
            }
            if (reason == null && to == LifecycleApi.NONE) {
                reason = "the target has no lifecycle API";
            }
            if (reason == null && from == LifecycleApi.ISM && to == LifecycleApi.ILM) {
                reason = "ISM policies are not translated to ILM";
            }
            if (reason != null) {
                out.add(PlannedChange.skipped(ResourceKind.LIFECYCLE_POLICY, policy.name(), reason));
                continue;
            }
            List<String> notes = new ArrayList<>();
            DefinitionCleaner.Cleaned cleaned = DefinitionCleaner.clean(policy);
            strippedNote(cleaned.stripped(), notes);
            ObjectNode wanted = cleaned.definition();
            if (from != to) {
                PolicyTranslation translation = translator.translate(policy.name(), wanted,
                        attachments.getOrDefault(policy.name(), List.of()));
                wanted = translation.definition();
                notes.add("translated from ILM to ISM");
                translation.untranslated().forEach(notes::add);
                translation.caveats().forEach(caveat -> notes.add("caveat: " + caveat));
            }
            out.add(decide(ResourceKind.LIFECYCLE_POLICY, policy.name(), policy.name(), wanted,
                    context.target().find(ResourceKind.LIFECYCLE_POLICY, policy.name()), notes,
                    context.options().overwriteConflicts()));
        }
        return out;
    }

    // ---- shared

    /** CREATE when the target lacks it, UNCHANGED when it holds the same, else UPDATE (when asked) or CONFLICT. */
    private static PlannedChange decide(ResourceKind kind, String name, String sourceName, ObjectNode wanted,
                                        Optional<SchemaResource> live, List<String> notes, boolean overwrite) {
        if (live.isEmpty()) {
            return new PlannedChange(kind, name, sourceName, SyncAction.CREATE, wanted, List.of(), null, notes);
        }
        ObjectNode liveBody = DefinitionCleaner.clean(live.get()).definition();
        List<DefinitionDifference> differences = DefinitionDiff.compare(kind, wanted, liveBody);
        if (differences.isEmpty()) {
            return new PlannedChange(kind, name, sourceName, SyncAction.UNCHANGED, wanted, List.of(), null, notes);
        }
        boolean inPlace = kind != ResourceKind.INDEX || differences.stream().allMatch(DefinitionDifference::fixableInPlace);
        if (overwrite && inPlace) {
            return new PlannedChange(kind, name, sourceName, SyncAction.UPDATE, wanted, differences, null, notes);
        }
        String reason;
        if (kind != ResourceKind.INDEX) {
            reason = "exists on the target with another definition (overwriting conflicts replaces it)";
        } else if (inPlace) {
            reason = "exists on the target without some wanted fields or aliases (overwriting conflicts adds them)";
        } else {
            reason = "exists on the target with another definition; an index cannot be redefined in place: "
                    + "delete it on the target, rename it, or exclude it";
        }
        return new PlannedChange(kind, name, sourceName, SyncAction.CONFLICT, wanted, differences, reason, notes);
    }

    /**
     * The source's flat settings as the target engine takes them: lifecycle settings adapted to its lifecycle API,
     * and, on Elasticsearch, without the settings only OpenSearch has, which it refuses as unknown (every OpenSearch
     * 2 index answers {@code index.replication.type}).
     */
    private static SortedMap<String, JsonNode> targetSettings(Context context, SortedMap<String, JsonNode> settings,
                                                              List<String> notes) {
        SortedMap<String, JsonNode> adapted = LifecycleSettings.adapt(settings, context.target().lifecycle(), notes);
        if (!context.target().capabilities().isOpenSearch()) {
            for (String key : OPENSEARCH_ONLY_SETTINGS) {
                JsonNode value = adapted.remove(key);
                if (value != null) {
                    notes.add(key + "=" + value.asText()
                            + " dropped: an OpenSearch setting Elasticsearch does not have");
                }
            }
        }
        return adapted;
    }

    private static ObjectNode typeless(Context context, JsonNode mappings, List<String> notes) {
        ObjectNode object = mappings.isObject() ? ((ObjectNode) mappings).deepCopy() : JsonNodeFactory.instance.objectNode();
        return context.source().capabilities().typedMappings() ? MappingTypes.typeless(object, notes) : object;
    }

    private static String skipReason(String name, SyncOptions options) {
        if (isSystem(name)) {
            return "system resource (name starts with '.')";
        }
        return options.filter().accepts(name) ? null : "not selected by the include/exclude patterns";
    }

    private static boolean isSystem(String name) {
        return name.startsWith(".");
    }

    private static boolean isHidden(SchemaResource index) {
        JsonNode hidden = FlatSettings.of(index.definition().path("settings")).get(HIDDEN);
        return hidden != null && hidden.asText().equals("true");
    }

    private static boolean managed(JsonNode meta) {
        return meta.path("managed").asBoolean(false);
    }

    private static void strippedNote(List<String> stripped, List<String> notes) {
        if (!stripped.isEmpty()) {
            notes.add("stripped: " + String.join(", ", stripped));
        }
    }
}
