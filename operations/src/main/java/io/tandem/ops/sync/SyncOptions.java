package io.tandem.ops.sync;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What schema sync copies and how.
 *
 * @param replicas           {@code index.number_of_replicas} of every index created (the target's topology, not the
 *                           source's)
 * @param filter             which policies, templates and indices to take, by name
 * @param renames            target names of source indices; the first rule that applies wins
 * @param aliases            whether indices get their source aliases
 * @param definitions        by target index name: the definition to create it from instead of the source's
 * @param overwriteConflicts whether a policy or template that exists with another definition is replaced, and an
 *                           index that lacks fields or aliases gets them; otherwise each is a conflict
 */
public record SyncOptions(int replicas, NameFilter filter, List<RenameRule> renames, boolean aliases,
                          Map<String, TargetDefinition> definitions, boolean overwriteConflicts) {

    public SyncOptions {
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas: must not be negative, was " + replicas);
        }
        Objects.requireNonNull(filter, "filter");
        renames = List.copyOf(renames);
        definitions = Map.copyOf(definitions);
    }

    /** Copy everything as it is, one replica, aliases included, no conflict overwritten. */
    public static SyncOptions defaults() {
        return new SyncOptions(1, NameFilter.all(), List.of(), true, Map.of(), false);
    }

    /** The name a source index gets on the target. */
    public String targetName(String sourceIndex) {
        for (RenameRule rule : renames) {
            Optional<String> renamed = rule.apply(sourceIndex);
            if (renamed.isPresent()) {
                return renamed.get();
            }
        }
        return sourceIndex;
    }

    public SyncOptions withReplicas(int value) {
        return new SyncOptions(value, filter, renames, aliases, definitions, overwriteConflicts);
    }

    public SyncOptions withFilter(NameFilter value) {
        return new SyncOptions(replicas, value, renames, aliases, definitions, overwriteConflicts);
    }

    public SyncOptions withRenames(List<RenameRule> value) {
        return new SyncOptions(replicas, filter, value, aliases, definitions, overwriteConflicts);
    }

    public SyncOptions withAliases(boolean value) {
        return new SyncOptions(replicas, filter, renames, value, definitions, overwriteConflicts);
    }

    public SyncOptions withDefinitions(Map<String, TargetDefinition> value) {
        return new SyncOptions(replicas, filter, renames, aliases, value, overwriteConflicts);
    }

    public SyncOptions withOverwriteConflicts(boolean value) {
        return new SyncOptions(replicas, filter, renames, aliases, definitions, value);
    }
}
