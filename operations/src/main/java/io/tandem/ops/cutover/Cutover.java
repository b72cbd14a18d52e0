package io.tandem.ops.cutover;

import io.tandem.core.state.GcDeletesWindow;
import io.tandem.core.state.MigrationRecord;
import io.tandem.core.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gated cutover: every precondition is checked and reported with what was measured; only when none failed do the
 * aliases move, in one atomic {@code POST /_aliases}, after which {@code index.gc_deletes} of the new index goes back
 * to its value before the migration (the late backfill writes it guarded against are over) and, on request, the old
 * index is made read-only. Every cutover, refused or not, is journalled with the alias state before it, so that
 * {@link Rollback} can restore it; a dry run checks and plans but changes and journals nothing.
 */
public final class Cutover {

    private static final Logger LOG = LoggerFactory.getLogger(Cutover.class);

    private final RestClient target;
    private final RestClient oldCluster;
    private final StateStore state;
    private final LagProbe lag;
    private final CutoverSettings settings;

    /**
     * @param target     the cluster of the new index, where the aliases are
     * @param oldCluster the cluster of the old index: {@code target} itself in same-cluster mode
     * @param state      the state index on the target cluster
     * @param lag        measures the consumer's lag
     */
    public Cutover(RestClient target, RestClient oldCluster, StateStore state, LagProbe lag, CutoverSettings settings) {
        this.target = Objects.requireNonNull(target, "target");
        this.oldCluster = Objects.requireNonNull(oldCluster, "oldCluster");
        this.state = Objects.requireNonNull(state, "state");
        this.lag = Objects.requireNonNull(lag, "lag");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public CutoverOutcome run() throws InterruptedException {
        AliasSwitch aliases = new AliasSwitch(target);
        AliasState before = aliases.read(settings.aliases());
        boolean oldExists = Preconditions.indexExists(
                settings.mode() == CutoverMode.SAME_CLUSTER ? target : oldCluster, settings.oldIndex());
        CheckResult aliasCheck = PreconditionRules.aliases(settings.mode(), before, oldExists, settings.oldIndex(),
                settings.newIndex());
        List<CheckResult> checks = new Preconditions(target, state, settings.newIndex(), settings.maxResultAge())
                .evaluate(aliasCheck, settings, new LagGate(lag, settings.lag()));
        CutoverPlan plan = new CutoverPlan(settings, before,
                AliasActions.cutover(before, settings.newIndex(), settings.readAlias(), settings.writeAlias()),
                state.read(MigrationRecord.keyFor(settings.newIndex())).map(MigrationRecord::fromJson));
        if (settings.dryRun()) {
            return new CutoverOutcome(CutoverOutcome.Kind.DRY_RUN, checks, plan, Optional.empty(), List.of());
        }
        CutoverJournal journal = new CutoverJournal(state, settings.readAlias());
        JournalEntry entry = new JournalEntry("cutover-" + Instant.now().toEpochMilli(), JournalEntry.Action.CUTOVER,
                JournalEntry.Status.STARTED, Instant.now(), settings.mode(), settings.oldIndex(), settings.newIndex(),
                settings.readAlias(), settings.writeAlias(), checks, before, Optional.empty(), plan.actions(),
                Optional.empty(), List.of(), null);
        if (checks.stream().anyMatch(CheckResult::failed)) {
            JournalEntry refused = entry.withStatus(JournalEntry.Status.REFUSED);
            journal.record(refused);
            return new CutoverOutcome(CutoverOutcome.Kind.REFUSED, checks, plan, Optional.of(refused), List.of());
        }
        try (CutoverLock lock = CutoverLock.acquire(state, settings.readAlias(), "cutover")) {
            // a lock taken from a dead holder is said in the journal, with the holder
            JournalEntry started = lock.tookOver().map(took -> entry.with(JournalEntry.Status.STARTED, Optional.empty(),
                    Optional.empty(), List.of(), took)).orElse(entry);
            return switchAliases(journal, started, plan, aliases);
        }
    }

    private CutoverOutcome switchAliases(CutoverJournal journal, JournalEntry entry, CutoverPlan plan,
                                         AliasSwitch aliases) {
        // the aliases must still be as checked: another switch between the check and the lock would be undone
        AliasState now = aliases.read(settings.aliases());
        if (!now.equals(plan.before())) {
            throw new IllegalStateException("the aliases changed while the preconditions were checked (were: "
                    + plan.before() + "; now: " + now + "): run the cutover again");
        }
        journal.record(entry); // before the switch: a process that dies during it leaves a STARTED entry to roll back
        Duration took;
        try {
            took = aliases.apply(plan.actions());
        } catch (RuntimeException e) {
            journal.record(entry.with(JournalEntry.Status.FAILED, Optional.empty(), Optional.empty(), List.of(),
                    e.getMessage()));
            throw e;
        }
        LOG.info("aliases switched to {} in {} ms", settings.newIndex(), took.toNanos() / 1e6);
        AliasState after = aliases.read(settings.aliases());
        List<IndexSettingChange> changes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        plan.migration().ifPresent(record -> restoreGcDeletes(record, changes, warnings));
        if (settings.makeOldReadOnly()) {
            blockOldIndex(changes, warnings);
        }
        List<String> notes = new ArrayList<>();
        Optional.ofNullable(entry.note()).ifPresent(notes::add);
        notes.addAll(warnings);
        JournalEntry switched = entry.with(JournalEntry.Status.SWITCHED, Optional.of(after), Optional.of(took), changes,
                notes.isEmpty() ? null : String.join("; ", notes));
        journal.record(switched);
        return new CutoverOutcome(CutoverOutcome.Kind.SWITCHED, entry.checks(), plan, Optional.of(switched), warnings);
    }

    /** The tombstones only had to outlive late backfill writes, which the backfill precondition says are over. */
    private void restoreGcDeletes(MigrationRecord record, List<IndexSettingChange> changes, List<String> warnings) {
        GcDeletesWindow gcDeletes = new GcDeletesWindow(target);
        try {
            Optional<String> raised = gcDeletes.current(settings.newIndex());
            gcDeletes.restore(settings.newIndex(), record.previousGcDeletesSetting());
            changes.add(new IndexSettingChange(settings.newIndex(), "index.gc_deletes", raised.orElse(null),
                    record.previousGcDeletes()));
        } catch (RuntimeException e) {
            warnings.add("index.gc_deletes of " + settings.newIndex() + " was not restored to "
                    + record.previousGcDeletesSetting().orElse("the default") + ": " + e.getMessage());
        }
    }

    private void blockOldIndex(List<IndexSettingChange> changes, List<String> warnings) {
        WriteBlock block = new WriteBlock(settings.mode() == CutoverMode.SAME_CLUSTER ? target : oldCluster);
        try {
            Optional<String> was = block.current(settings.oldIndex());
            block.set(settings.oldIndex(), "true");
            changes.add(new IndexSettingChange(settings.oldIndex(), WriteBlock.SETTING, was.orElse(null), "true"));
        } catch (RuntimeException e) {
            warnings.add(settings.oldIndex() + " was not made read-only: " + e.getMessage());
        }
    }
}
