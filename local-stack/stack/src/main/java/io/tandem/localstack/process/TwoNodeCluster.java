package io.tandem.localstack.process;

import io.tandem.localstack.EngineEndpoint;
import io.tandem.localstack.RunningEngine;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The two node processes of {@link io.tandem.localstack.Engine#OPENSEARCH_2_TWO_NODES}: clients talk to the cluster
 * manager; a restart is the data node's, the one a cluster loses and gets back while it stays up.
 */
final class TwoNodeCluster implements RunningEngine {

    private final LocalEngine manager;
    private final LocalEngine data;

    TwoNodeCluster(LocalEngine manager, LocalEngine data) {
        this.manager = manager;
        this.data = data;
    }

    @Override
    public EngineEndpoint endpoint() {
        return manager.endpoint();
    }

    /** The larger of the two nodes' peaks: each node is its own process, with its own heap. */
    @Override
    public OptionalLong peakRssBytes() {
        long peak = Math.max(manager.peakRssBytes().orElse(0), data.peakRssBytes().orElse(0));
        return peak > 0 ? OptionalLong.of(peak) : OptionalLong.empty();
    }

    /** Restarts the data node; returns once it is back in the cluster. */
    @Override
    public void restart(boolean kill, Duration downtime) {
        data.restart(kill, downtime);
    }

    @Override
    public void close() {
        data.close();
        manager.close();
    }
}
