package io.tandem.ops.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * What schema sync does with one resource, and why.
 *
 * @param kind        what it is
 * @param name        its name on the target
 * @param sourceName  its name on the source (differs from {@code name} for a renamed index); {@code null} for none
 * @param action      what is done
 * @param definition  the body sent to create or replace it; {@code null} for a skipped resource
 * @param differences where the target differs (conflicts and updates)
 * @param reason      why it is skipped or in conflict; {@code null} otherwise
 * @param notes       what was stripped, translated, dropped or taken from elsewhere on the way
 */
public record PlannedChange(ResourceKind kind, String name, String sourceName, SyncAction action, ObjectNode definition,
                            List<DefinitionDifference> differences, String reason, List<String> notes) {

    public PlannedChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(action, "action");
        if ((action == SyncAction.SKIPPED || action == SyncAction.CONFLICT) == (reason == null)) {
            throw new IllegalArgumentException(name + ": a reason is given for a skipped or conflicting resource, and only then");
        }
        if (action != SyncAction.SKIPPED && definition == null) {
            throw new IllegalArgumentException(name + ": only a skipped resource has no definition");
        }
        definition = definition == null ? null : definition.deepCopy();
        differences = List.copyOf(differences);
        notes = List.copyOf(notes);
    }

    @Override
    public ObjectNode definition() {
        return definition == null ? null : definition.deepCopy();
    }

    static PlannedChange skipped(ResourceKind kind, String name, String reason) {
        return new PlannedChange(kind, name, name, SyncAction.SKIPPED, null, List.of(), reason, List.of());
    }
}
