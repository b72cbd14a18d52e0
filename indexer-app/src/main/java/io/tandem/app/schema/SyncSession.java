package io.tandem.app.schema;

import io.tandem.cli.ConfigFileOption;
import io.tandem.cli.SourceClusterOptions;
import io.tandem.cli.TargetClusterOptions;
import io.tandem.core.cluster.ClusterClients;
import io.tandem.core.cluster.ClusterSettings;
import io.tandem.core.schema.sync.ApplyReport;
import io.tandem.core.schema.sync.PlannedChange;
import io.tandem.core.schema.sync.SchemaSync;
import io.tandem.core.schema.sync.SyncOptions;
import io.tandem.core.schema.sync.SyncPlan;
import java.io.IOException;
import java.util.function.Consumer;
import org.elasticsearch.client.RestClient;
import picocli.CommandLine.Mixin;

/** What {@code schema plan} and {@code schema apply} share: both clusters, what to copy, and a sync between them. */
public final class SyncSession {

    @Mixin
    ConfigFileOption config;
    @Mixin
    SourceClusterOptions source;
    @Mixin
    TargetClusterOptions target;
    @Mixin
    SyncSelectionOptions selection;

    /** Checks every setting before connecting to either cluster; closing closes both clients. */
    Open open() {
        SyncOptions options = selection.toOptions();
        ClusterSettings sourceSettings = source.toSettings();
        ClusterSettings targetSettings = target.toSettings();
        RestClient sourceClient = ClusterClients.create(sourceSettings);
        try {
            return new Open(sourceClient, ClusterClients.create(targetSettings), options);
        } catch (RuntimeException e) {
            closeQuietly(sourceClient);
            throw e;
        }
    }

    /** Both clusters connected, with the options of this run. */
    static final class Open implements AutoCloseable {

        private final RestClient sourceClient;
        private final RestClient targetClient;
        private final SchemaSync sync;
        private final SyncOptions options;

        private Open(RestClient sourceClient, RestClient targetClient, SyncOptions options) {
            this.sourceClient = sourceClient;
            this.targetClient = targetClient;
            this.sync = new SchemaSync(sourceClient, targetClient);
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
            closeQuietly(sourceClient);
            closeQuietly(targetClient);
        }
    }

    private static void closeQuietly(RestClient client) {
        try {
            client.close();
        } catch (IOException e) {
            // nothing sent depends on the close, and the command ends anyway
        }
    }
}
