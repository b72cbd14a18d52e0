package io.tandem.ops.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.schema.CanonicalJson;
import io.tandem.core.schema.FlatSettings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plan as text for an operator, section by section in apply order: {@code +} create (with the definition, one line
 * per setting, mapping field and other leaf), {@code ~} update and {@code !} conflict (with the differences,
 * {@code target -> wanted}), {@code =} unchanged, {@code -} skipped (grouped by reason), then one summary line.
 */
public final class PlanRenderer {

    /** Skipped names listed per reason before "and N more". */
    private static final int SKIPPED_LISTED = 10;
    private static final String DETAIL = "      ";
    private static final Set<String> MAPPING_STRUCTURE = Set.of("properties", "fields");

    private PlanRenderer() {
    }

    public static String render(SyncPlan plan) {
        StringBuilder out = new StringBuilder();
        out.append("Schema sync plan: ").append(plan.source()).append(" (source) -> ").append(plan.target())
                .append(" (target)\n");
        plan.notes().forEach(note -> out.append("note: ").append(note).append('\n'));
        for (ResourceKind kind : ResourceKind.values()) {
            List<PlannedChange> changes = plan.changes().stream().filter(c -> c.kind() == kind).toList();
            out.append('\n').append(kind.heading()).append('\n');
            if (changes.isEmpty()) {
                out.append("  (none)\n");
            }
            Map<String, List<String>> skipped = new LinkedHashMap<>();
            for (PlannedChange change : changes) {
                if (change.action() == SyncAction.SKIPPED) {
                    skipped.computeIfAbsent(change.reason(), r -> new ArrayList<>()).add(change.name());
                } else {
                    change(change, out);
                }
            }
            skipped.forEach((reason, names) -> out.append("  - skipped (").append(reason).append("): ")
                    .append(String.join(", ", names.subList(0, Math.min(SKIPPED_LISTED, names.size()))))
                    .append(names.size() > SKIPPED_LISTED ? " and " + (names.size() - SKIPPED_LISTED) + " more" : "")
                    .append('\n'));
        }
        out.append('\n').append(summary(plan)).append('\n');
        return out.toString();
    }

    /** "Plan: 3 to create, 1 to update, 2 unchanged, 1 conflict(s), 4 skipped." */
    public static String summary(SyncPlan plan) {
        return "Plan: " + plan.count(SyncAction.CREATE) + " to create, " + plan.count(SyncAction.UPDATE) + " to update, "
                + plan.count(SyncAction.UNCHANGED) + " unchanged, " + plan.count(SyncAction.CONFLICT) + " conflict(s), "
                + plan.count(SyncAction.SKIPPED) + " skipped.";
    }

    /**
     * A change apply has carried out: "created index messages-v2 (from messages-v1)", then its differences (for an
     * update) and its notes, indented.
     */
    public static String done(PlannedChange change) {
        StringBuilder out = new StringBuilder(change.action() == SyncAction.CREATE ? "created " : "updated ")
                .append(change.kind().singular()).append(' ').append(change.name());
        if (change.sourceName() != null && !change.sourceName().equals(change.name())) {
            out.append(" (from ").append(change.sourceName()).append(')');
        }
        out.append('\n');
        change.differences().forEach(d -> out.append("    ").append(d).append('\n'));
        change.notes().forEach(note -> out.append("    note: ").append(note).append('\n'));
        return out.toString();
    }

    private static void change(PlannedChange change, StringBuilder out) {
        out.append("  ").append(change.action().symbol()).append(' ').append(change.action().verb()).append(' ')
                .append(change.name());
        if (change.sourceName() != null && !change.sourceName().equals(change.name())) {
            out.append(" (from ").append(change.sourceName()).append(')');
        }
        if (change.reason() != null) {
            out.append(": ").append(change.reason());
        }
        out.append('\n');
        if (change.action() == SyncAction.UNCHANGED) {
            return;
        }
        change.notes().forEach(note -> out.append(DETAIL).append("note: ").append(note).append('\n'));
        if (change.action() == SyncAction.CREATE) {
            definitionLines(change.kind(), change.definition())
                    .forEach((path, value) -> out.append(DETAIL).append("+ ").append(path).append(": ").append(value).append('\n'));
        } else {
            change.differences().forEach(d -> out.append(DETAIL).append(d).append('\n'));
        }
    }

    /** A definition as path -> shown value: settings flat, one line per mapping field, other leaves as they come. */
    static Map<String, String> definitionLines(ResourceKind kind, ObjectNode definition) {
        Map<String, String> lines = new LinkedHashMap<>();
        if (kind == ResourceKind.COMPONENT_TEMPLATE || kind == ResourceKind.INDEX_TEMPLATE) {
            ObjectNode rest = definition.deepCopy();
            rest.remove("template");
            leaves("", rest, lines);
            body("template.", definition.path("template"), lines);
        } else if (kind == ResourceKind.LIFECYCLE_POLICY) {
            leaves("", definition, lines);
        } else {
            body("", definition, lines);
        }
        return lines;
    }

    private static void body(String prefix, JsonNode body, Map<String, String> lines) {
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> part = it.next();
            String path = prefix + part.getKey();
            switch (part.getKey()) {
                case "settings" -> FlatSettings.of(part.getValue())
                        .forEach((key, value) -> lines.put(path + "." + key, CanonicalJson.shown(value)));
                case "mappings" -> mapping(path, part.getValue(), true, lines);
                case "aliases" -> part.getValue().fields()
                        .forEachRemaining(alias -> lines.put(path + "." + alias.getKey(), alias.getValue().toString()));
                default -> leaves(path, part.getValue(), lines);
            }
        }
    }

    /** The root's parameters, then one line per field (its parameters without its sub-fields), depth first. */
    private static void mapping(String path, JsonNode node, boolean root, Map<String, String> lines) {
        ObjectNode own = node.deepCopy();
        MAPPING_STRUCTURE.forEach(own::remove);
        if (root) {
            leaves(path, own, lines);
        } else if (own.size() > 0) {
            lines.put(path, own.toString());
        }
        for (String structure : List.of("properties", "fields")) {
            node.path(structure).fields()
                    .forEachRemaining(field -> mapping(path + "." + field.getKey(), field.getValue(), false, lines));
        }
    }

    private static void leaves(String prefix, JsonNode node, Map<String, String> lines) {
        JsonLeaves.of(node, prefix).forEach((path, value) -> lines.put(path, CanonicalJson.shown(value)));
    }
}
