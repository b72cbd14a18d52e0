package io.tandem.backfill;

import io.tandem.core.state.GcDeletesWindow;
import io.tandem.core.state.MigrationRecord;
import io.tandem.core.state.StateStore;
import java.util.Objects;
import org.elasticsearch.client.RestClient;

/**
 * What must hold before the backfill writes beside a live consumer: the consumer recorded the migration into the
 * target and raised its {@code index.gc_deletes}. A copy at version 0 loses to a delete only while the delete's
 * tombstone lives; under the engine's default 60 s, a copy landing later than that after the consumer deleted the
 * document would bring it back. {@code --standalone} (no live consumer in this migration, nothing deletes) skips it.
 */
final class BackfillGuard {

    private final RestClient target;
    private final StateStore state;

    BackfillGuard(RestClient target, StateStore state) {
        this.target = Objects.requireNonNull(target, "target");
        this.state = Objects.requireNonNull(state, "state");
    }

    /** @throws IllegalStateException naming what is missing and the command that records it */
    void check(String targetIndex, boolean standalone) {
        if (standalone) {
            return;
        }
        if (state.read(MigrationRecord.keyFor(targetIndex)).isEmpty()) {
            throw new IllegalStateException("no migration into " + targetIndex + " is recorded in " + state.index()
                    + ": start the consumer first (tandem run --target-index " + targetIndex + " --state-index "
                    + state.index() + " ...), which records it and raises index.gc_deletes, so that no copy can"
                    + " resurrect a delete; with no live consumer at all, pass --standalone");
        }
        GcDeletesWindow gcDeletes = new GcDeletesWindow(target);
        if (!gcDeletes.isRaised(targetIndex)) {
            throw new IllegalStateException("index.gc_deletes of " + targetIndex + " is " + gcDeletes.current(targetIndex)
                    .orElse("the engine default 60s") + ": a copy landing after a delete's tombstone expired would"
                    + " resurrect it; the consumer raises it when it starts (tandem run --target-index " + targetIndex
                    + " --gc-deletes-window ...)");
        }
    }
}
