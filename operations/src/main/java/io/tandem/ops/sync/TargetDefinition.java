package io.tandem.ops.sync;

import io.tandem.core.schema.IndexDefinition;
import java.util.Objects;

/**
 * The definition an index is created from instead of the source's, because its documents are transformed on the way
 * (messages-v1 with tags as a map becomes messages-v2 with tags as key/value pairs): the file kept in the repository.
 *
 * @param origin     where it came from, for the plan (a file name)
 * @param definition its settings and mappings
 */
public record TargetDefinition(String origin, IndexDefinition definition) {

    public TargetDefinition {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(definition, "definition");
    }
}
