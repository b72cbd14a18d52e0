package io.tandem.ops.sync;

import io.tandem.core.source.EngineInfo;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The schema resources of one cluster, as {@link SchemaReader} found them.
 *
 * @param engine    what the cluster is
 * @param lifecycle its lifecycle API, {@link LifecycleApi#NONE} where it has none
 * @param indices   every index the cluster listed, by name, open or closed (read or not)
 * @param aliases   every alias, by name, with the indices it points to
 * @param resources the policies, templates and the indices that were read
 * @param notes     what could not be read and why, e.g. "no lifecycle API"
 */
public record ClusterSchema(EngineInfo engine, LifecycleApi lifecycle, SortedMap<String, IndexStatus> indices,
                            SortedMap<String, List<String>> aliases, List<SchemaResource> resources, List<String> notes) {

    /** Whether an index is open (readable) or closed. */
    public enum IndexStatus { OPEN, CLOSED }

    public ClusterSchema {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(lifecycle, "lifecycle");
        indices = Collections.unmodifiableSortedMap(new TreeMap<>(indices));
        TreeMap<String, List<String>> aliasesCopy = new TreeMap<>();
        aliases.forEach((alias, pointsTo) -> aliasesCopy.put(alias, List.copyOf(pointsTo)));
        aliases = Collections.unmodifiableSortedMap(aliasesCopy);
        resources = List.copyOf(resources);
        notes = List.copyOf(notes);
    }

    public EngineCapabilities capabilities() {
        return new EngineCapabilities(engine);
    }

    /** The resources of one kind, in the order read (sorted by name). */
    public List<SchemaResource> resources(ResourceKind kind) {
        return resources.stream().filter(r -> r.kind() == kind).toList();
    }

    public Optional<SchemaResource> find(ResourceKind kind, String name) {
        return resources.stream().filter(r -> r.kind() == kind && r.name().equals(name)).findFirst();
    }
}
