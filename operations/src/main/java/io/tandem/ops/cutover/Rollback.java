package io.tandem.ops.cutover;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tandem.core.state.GcDeletesWindow;
import io.tandem.core.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undoes the last cutover of a read alias from its journal entry: one atomic {@code POST /_aliases} puts the aliases
 * back exactly as they were before it (filters, routing and write index included), then the settings it changed go
 * back in reverse order — {@code index.gc_deletes} of the new index is raised again to the migration's window (the
 * consumer goes on writing the new index, and a rerun backfill needs its tombstones), and a write block it put on the
 * old index is lifted.
 */
public final class Rollback {

    private static final Logger LOG = LoggerFactory.getLogger(Rollback.class);

    private final RestClient target;
    private final RestClient oldCluster;
    private final StateStore state;
    private final String readAlias;
    private final boolean dryRun;

    /**
     * @param target     the cluster of the new index, where the aliases are
     * @param oldCluster the cluster of the old index: {@code target} itself in same-cluster mode
     */
    public Rollback(RestClient target, RestClient oldCluster, StateStore state, String readAlias, boolean dryRun) {
        this.target = Objects.requireNonNull(target, "target");
        this.oldCluster = Objects.requireNonNull(oldCluster, "oldCluster");
        this.state = Objects.requireNonNull(state, "state");
        this.readAlias = Objects.requireNonNull(readAlias, "readAlias");
        this.dryRun = dryRun;
    }

    /** @throws IllegalStateException when the journal holds no cutover of the alias to undo */
    public RollbackOutcome run() {
        CutoverJournal journal = new CutoverJournal(state, readAlias);
        JournalEntry cutover = journal.lastUndoable().orElseThrow(() -> new IllegalStateException(
                "the journal of alias '" + readAlias + "' in " + state.index() + " holds no cutover to roll back"
                        + journal.latest().map(e -> " (latest: " + e.action() + " " + e.status() + " at " + e.at() + ")")
                        .orElse("")));
        AliasSwitch aliases = new AliasSwitch(target);
        Set<String> names = AliasState.names(cutover.readAlias(), cutover.writeAlias());
        if (dryRun) {
            AliasState current = aliases.read(names);
            return new RollbackOutcome(true, cutover, current, AliasActions.restore(current, cutover.before()),
                    Optional.empty(), List.of());
        }
        try (CutoverLock lock = CutoverLock.acquire(state, readAlias, "rollback")) {
            AliasState current = aliases.read(names);
            ArrayNode actions = AliasActions.restore(current, cutover.before());
            JournalEntry entry = new JournalEntry("rollback-" + Instant.now().toEpochMilli(), JournalEntry.Action.ROLLBACK,
                    JournalEntry.Status.STARTED, Instant.now(), cutover.mode(), cutover.oldIndex(), cutover.newIndex(),
                    cutover.readAlias(), cutover.writeAlias(), List.of(), current, Optional.empty(), actions,
                    Optional.empty(), List.of(), "undoes " + cutover.id() + lock.tookOver().map(t -> "; " + t).orElse(""));
            journal.record(entry);
            Duration took;
            try {
                took = aliases.apply(actions);
            } catch (RuntimeException e) {
                journal.record(entry.with(JournalEntry.Status.FAILED, Optional.empty(), Optional.empty(), List.of(),
                        e.getMessage()));
                throw e;
            }
            LOG.info("aliases restored as before {} in {} ms", cutover.id(), took.toNanos() / 1e6);
            AliasState after = aliases.read(names);
            List<IndexSettingChange> reverted = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            List<IndexSettingChange> changes = new ArrayList<>(cutover.changes());
            Collections.reverse(changes);
            for (IndexSettingChange change : changes) {
                try {
                    reverted.add(revert(cutover, change));
                } catch (RuntimeException e) {
                    warnings.add(change.setting() + " of " + change.index() + " was not put back to "
                            + (change.before() == null ? "the default" : change.before()) + ": " + e.getMessage());
                }
            }
            JournalEntry done = entry.with(JournalEntry.Status.SWITCHED, Optional.of(after), Optional.of(took), reverted,
                    entry.note() + (warnings.isEmpty() ? "" : "; " + String.join("; ", warnings)));
            journal.record(cutover.withStatus(JournalEntry.Status.ROLLED_BACK));
            journal.record(done);
            return new RollbackOutcome(false, cutover, current, actions, Optional.of(done), warnings);
        }
    }

    private IndexSettingChange revert(JournalEntry cutover, IndexSettingChange change) {
        if (change.setting().equals(WriteBlock.SETTING)) {
            new WriteBlock(cutover.mode() == CutoverMode.SAME_CLUSTER ? target : oldCluster).set(change.index(), change.before());
        } else if (change.setting().equals("index.gc_deletes")) {
            new GcDeletesWindow(target).restore(change.index(), Optional.ofNullable(change.before()));
        } else {
            throw new IllegalStateException("the journal names a setting no cutover changes: " + change);
        }
        return change.reversed();
    }
}
