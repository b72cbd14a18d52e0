package io.tandem.app.schema;

import io.tandem.cli.SourceClusterOptions;
import io.tandem.cli.TargetClusterOptions;
import io.tandem.core.cluster.ClusterClients;
import io.tandem.core.cluster.ClusterSettings;
import io.tandem.core.schema.sync.SchemaSync;
import java.io.IOException;
import org.elasticsearch.client.RestClient;

/** The two clusters of a schema sync, connected; closing closes both clients. */
final class SyncClients implements AutoCloseable {

    private final RestClient source;
    private final RestClient target;

    private SyncClients(RestClient source, RestClient target) {
        this.source = source;
        this.target = target;
    }

    /** Checks both clusters' settings before connecting to either. */
    static SyncClients open(SourceClusterOptions sourceOptions, TargetClusterOptions targetOptions) {
        ClusterSettings sourceSettings = sourceOptions.toSettings();
        ClusterSettings targetSettings = targetOptions.toSettings();
        RestClient source = ClusterClients.create(sourceSettings);
        try {
            return new SyncClients(source, ClusterClients.create(targetSettings));
        } catch (RuntimeException e) {
            closeQuietly(source);
            throw e;
        }
    }

    SchemaSync sync() {
        return new SchemaSync(source, target);
    }

    @Override
    public void close() {
        closeQuietly(source);
        closeQuietly(target);
    }

    private static void closeQuietly(RestClient client) {
        try {
            client.close();
        } catch (IOException e) {
            // nothing was sent that depends on the close; the process ends anyway
        }
    }
}
