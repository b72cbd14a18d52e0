package io.tandem.app.schema;

import io.tandem.cli.Clusters;
import io.tandem.cli.SourceAndTargetOptions;
import io.tandem.ops.sync.ApplyReport;
import io.tandem.ops.sync.PlannedChange;
import io.tandem.ops.sync.SchemaSync;
import io.tandem.ops.sync.SyncOptions;
import io.tandem.ops.sync.SyncPlan;
import java.io.IOException;
import java.util.function.Consumer;
import picocli.CommandLine.Mixin;

/** What {@code schema plan} and {@code schema apply} share: both clusters, what to copy, and a sync between them. */
public final class SyncSession {

    @Mixin
    SourceAndTargetOptions clusters;
    @Mixin
    SyncSelectionOptions selection;

    /** Checks every setting before connecting to either cluster; closing closes both clients. */
    Open open() {
        SyncOptions options = selection.toOptions();
        return new Open(clusters.toSettings().connect(), options);
    }

    /** Both clusters connected, with the options of this run. */
    static final class Open implements AutoCloseable {

        private final Clusters.Connected clients;
        private final SchemaSync sync;
        private final SyncOptions options;

        private Open(Clusters.Connected clients, SyncOptions options) {
            this.clients = clients;
            this.sync = new SchemaSync(clients.source(), clients.target());
            this.options = options;
        }

        SyncPlan plan() {
            return sync.plan(options);
        }

        ApplyReport apply(SyncPlan plan, Consumer<PlannedChange> done) {
            return sync.apply(plan, done);
        }

        @Override
        public void close() {
            try {
                clients.close();
            } catch (IOException e) {
                // nothing sent depends on the close, and the command ends anyway
            }
        }
    }
}
