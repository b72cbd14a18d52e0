package io.tandem.cli;

import io.tandem.core.cluster.ClusterClients;
import io.tandem.core.cluster.ClusterSettings;
import java.io.IOException;
import org.elasticsearch.client.RestClient;

/** The settings of both clusters of a migration: the source (old) and the target (new). */
public record Clusters(ClusterSettings source, ClusterSettings target) {

    /** A client of each cluster; closing it closes both. */
    public Connected connect() {
        RestClient sourceClient = ClusterClients.create(source);
        try {
            return new Connected(sourceClient, ClusterClients.create(target));
        } catch (RuntimeException e) {
            try {
                sourceClient.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** A client of each cluster. */
    public record Connected(RestClient source, RestClient target) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            RestClient first = source;
            RestClient second = target;
            try (first; second) {
                // both closed, the target first, whichever fails
            }
        }
    }
}
