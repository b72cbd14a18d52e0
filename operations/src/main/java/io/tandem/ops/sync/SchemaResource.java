package io.tandem.ops.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One policy, template or index of a cluster, as the body of the {@code PUT} that would create it: for an index
 * {@code {"settings":{...},"mappings":{...},"aliases":{...}}}, for a lifecycle policy {@code {"policy":{...}}}, for a
 * template the template body. Read-only fields are still in it as read (see {@link DefinitionCleaner}).
 *
 * @param kind       what it is
 * @param name       its name on its cluster
 * @param definition the body; copied in and out, so a resource never changes
 */
public record SchemaResource(ResourceKind kind, String name, ObjectNode definition) {

    public SchemaResource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        definition = Objects.requireNonNull(definition, "definition").deepCopy();
    }

    @Override
    public ObjectNode definition() {
        return definition.deepCopy();
    }
}
