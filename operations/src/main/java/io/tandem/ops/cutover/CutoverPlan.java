package io.tandem.ops.cutover;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tandem.core.state.MigrationRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a cutover will do, decided before it does anything: the one alias request, and the settings it changes after.
 *
 * @param settings  what was asked for
 * @param before    where the aliases point now
 * @param actions   the actions of the one {@code POST /_aliases}
 * @param migration the migration record of the new index, which holds the gc_deletes to restore; empty when the
 *                  consumer never recorded one (then gc_deletes is left as it is)
 */
public record CutoverPlan(CutoverSettings settings, AliasState before, ArrayNode actions,
                          Optional<MigrationRecord> migration) {

    public CutoverPlan {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(before, "before");
        actions = actions.deepCopy();
        Objects.requireNonNull(migration, "migration");
    }

    @Override
    public ArrayNode actions() {
        return actions.deepCopy();
    }

    /** The steps, in order, one line each. */
    public List<String> steps() {
        List<String> steps = new ArrayList<>();
        steps.add("POST /_aliases " + actionsBody() + "   (one atomic request"
                + (settings.mode() == CutoverMode.CROSS_CLUSTER ? ", on the new cluster)" : ")"));
        steps.add(migration.map(record -> "index.gc_deletes of " + settings.newIndex() + " restored to "
                        + record.previousGcDeletesSetting().orElse("the engine default") + " (its value before the migration)")
                .orElse("index.gc_deletes of " + settings.newIndex() + " left as it is: no migration record for it"));
        if (settings.makeOldReadOnly()) {
            steps.add("index.blocks.write of " + settings.oldIndex() + " set to true"
                    + (settings.mode() == CutoverMode.CROSS_CLUSTER ? " (on the old cluster)" : ""));
        }
        return steps;
    }

    /** {@code {"actions":[...]}}. */
    public String actionsBody() {
        return "{\"actions\":" + actions + "}";
    }
}
