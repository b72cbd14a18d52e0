package io.tandem.ops.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.schema.FlatSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the source attached each ILM policy, as the {@code ism_template}s of its ISM translation: ILM attaches a
 * policy to an index by its {@code index.lifecycle.name} setting (usually set by a template); ISM attaches a policy to
 * new indices whose names match its templates' patterns.
 */
final class IsmAttachments {

    private IsmAttachments() {
    }

    /**
     * Where each ILM policy was attached, as ISM templates: the patterns of the templates copied that name it
     * (a component template through the composable templates made of it), and the copied indices naming it by their
     * target names, the latter winning over any template (an index's own setting wins in ILM).
     */
    static Map<String, List<IsmTemplate>> of(ClusterSchema source, List<PlannedChange> templates, List<PlannedChange> indices) {
        Map<String, List<IsmTemplate>> byPolicy = new TreeMap<>();
        int highest = 0;
        for (PlannedChange template : templates) {
            if (template.action() == SyncAction.SKIPPED) {
                continue;
            }
            ObjectNode body = source.find(template.kind(), template.name()).orElseThrow().definition();
            JsonNode settings = template.kind() == ResourceKind.LEGACY_TEMPLATE ? body.path("settings")
                    : body.path("template").path("settings");
            String policy = LifecycleSettings.ilmPolicyOf(FlatSettings.of(settings));
            if (policy == null) {
                continue;
            }
            List<ObjectNode> users = template.kind() == ResourceKind.COMPONENT_TEMPLATE
                    ? composedOf(source, templates, template.name()) : List.of(body);
            for (ObjectNode user : users) {
                // ISM's priority is an int; a composable template's may be a long
                int priority = (int) Math.min(Integer.MAX_VALUE - 1, user.path(user.has("order") ? "order" : "priority").asLong(0));
                highest = Math.max(highest, priority);
                List<String> patterns = new ArrayList<>();
                user.path("index_patterns").forEach(p -> patterns.add(p.asText()));
                if (!patterns.isEmpty()) {
                    byPolicy.computeIfAbsent(policy, p -> new ArrayList<>()).add(new IsmTemplate(patterns, priority));
                }
            }
        }
        Map<String, List<String>> indicesByPolicy = new TreeMap<>();
        for (PlannedChange index : indices) {
            if (index.action() != SyncAction.SKIPPED) {
                JsonNode settings = source.find(ResourceKind.INDEX, index.sourceName()).orElseThrow()
                        .definition().path("settings");
                String policy = LifecycleSettings.ilmPolicyOf(FlatSettings.of(settings));
                if (policy != null) {
                    indicesByPolicy.computeIfAbsent(policy, p -> new ArrayList<>()).add(index.name());
                }
            }
        }
        int indexPriority = highest + 1;
        indicesByPolicy.forEach((policy, names) ->
                byPolicy.computeIfAbsent(policy, p -> new ArrayList<>()).add(new IsmTemplate(names, indexPriority)));
        return byPolicy;
    }

    private static List<ObjectNode> composedOf(ClusterSchema source, List<PlannedChange> templates, String component) {
        List<ObjectNode> users = new ArrayList<>();
        for (PlannedChange template : templates) {
            if (template.kind() == ResourceKind.INDEX_TEMPLATE && template.action() != SyncAction.SKIPPED) {
                ObjectNode body = source.find(ResourceKind.INDEX_TEMPLATE, template.name()).orElseThrow().definition();
                for (JsonNode part : body.path("composed_of")) {
                    if (part.asText().equals(component)) {
                        users.add(body);
                    }
                }
            }
        }
        return users;
    }
}
