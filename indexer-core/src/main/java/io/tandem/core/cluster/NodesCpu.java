package io.tandem.core.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import org.elasticsearch.client.RestClient;

/**
 * The CPU time a cluster's nodes have spent, from their stats ({@code GET /_nodes/stats/process}): read before and
 * after a run, what the run cost the old production cluster, other load included. A cluster may not say (a role
 * without the {@code monitor} privilege, a proxy that hides the API): then the reading says why.
 *
 * @param millis the sum over the nodes of {@code process.cpu.total_in_millis}, or -1 when unknown
 * @param nodes  how many nodes answered
 * @param unknownBecause why it is unknown, or null
 */
public record NodesCpu(long millis, int nodes, String unknownBecause) {

    public static NodesCpu read(RestClient client) {
        EngineCall.Reply reply;
        try {
            reply = EngineCall.send(client, "GET", "/_nodes/stats/process", null);
        } catch (UncheckedIOException e) {
            return new NodesCpu(-1, 0, e.getMessage());
        }
        if (!reply.ok()) {
            return new NodesCpu(-1, 0, reply.failure());
        }
        long millis = 0;
        int nodes = 0;
        for (JsonNode node : reply.body().path("nodes")) {
            JsonNode cpu = node.path("process").path("cpu").path("total_in_millis");
            if (!cpu.canConvertToLong()) {
                return new NodesCpu(-1, 0, "a node's stats lack process.cpu.total_in_millis");
            }
            millis += cpu.asLong();
            nodes++;
        }
        return nodes == 0 ? new NodesCpu(-1, 0, "no node answered") : new NodesCpu(millis, nodes, null);
    }

    public boolean known() {
        return unknownBecause == null;
    }

    /**
     * The CPU spent from {@code earlier} to this reading, in milliseconds, or -1 when either is unknown or the nodes
     * changed between them (a restarted node starts counting again).
     */
    public long since(NodesCpu earlier) {
        return known() && earlier.known() && nodes == earlier.nodes && millis >= earlier.millis
                ? millis - earlier.millis : -1;
    }
}
