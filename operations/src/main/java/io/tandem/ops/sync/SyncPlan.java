package io.tandem.ops.sync;

import io.tandem.core.source.EngineInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Everything schema sync would do, in the order it would do it (policies, legacy, component and composable templates,
 * indices). Reading it changes nothing; {@link SyncApplier} carries it out.
 *
 * @param source          the source cluster
 * @param target          the target cluster
 * @param targetLifecycle the target's lifecycle API, which decides how policies are written
 * @param changes         one per resource, in apply order
 * @param notes           about the clusters as a whole (an API one of them lacks)
 */
public record SyncPlan(EngineInfo source, EngineInfo target, LifecycleApi targetLifecycle, List<PlannedChange> changes,
                       List<String> notes) {

    public SyncPlan {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(targetLifecycle, "targetLifecycle");
        // stable: within a kind the planner's order (by name) stays
        changes = changes.stream().sorted(Comparator.comparing(PlannedChange::kind)).toList();
        notes = List.copyOf(notes);
    }

    public long count(SyncAction action) {
        return changes.stream().filter(c -> c.action() == action).count();
    }

    public List<PlannedChange> conflicts() {
        return changes.stream().filter(c -> c.action() == SyncAction.CONFLICT).toList();
    }

    /** Whether apply would send anything. */
    public boolean changesTarget() {
        return changes.stream().anyMatch(c -> c.action().changesTarget());
    }
}
