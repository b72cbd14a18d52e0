package io.tandem.ops.cutover;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a rollback ended.
 *
 * @param dryRun   whether it only planned
 * @param undone   the journalled cutover it undoes (as it was before the rollback)
 * @param current  where the aliases pointed when the rollback started
 * @param actions  the actions of its one {@code POST /_aliases}
 * @param entry    its own journal entry; empty for a dry run
 * @param warnings settings it could not put back: the aliases are restored, but these need a hand
 */
public record RollbackOutcome(boolean dryRun, JournalEntry undone, AliasState current, ArrayNode actions,
                              Optional<JournalEntry> entry, List<String> warnings) {

    public RollbackOutcome {
        Objects.requireNonNull(undone, "undone");
        Objects.requireNonNull(current, "current");
        actions = actions.deepCopy();
        Objects.requireNonNull(entry, "entry");
        warnings = List.copyOf(warnings);
    }

    @Override
    public ArrayNode actions() {
        return actions.deepCopy();
    }
}
