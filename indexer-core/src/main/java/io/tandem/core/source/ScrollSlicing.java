package io.tandem.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.core.cluster.EngineCall;
import org.elasticsearch.client.RestClient;

/**
 * How many slices an index is read in: never more than its primary shards unless asked for. Up to one slice per
 * shard, an engine gives each slice its own shards and reads them as a plain scroll would; beyond that, every slice
 * makes the engine hash the {@code _id} of every document of a shard to keep its own (measured with the anchors
 * harness, ES 7.10 source of 1 shard: 3 slices cost the source 94.2 CPU-s against 4.2 for 1, and ran 2.4x slower).
 * The old cluster is in production: that cost is refused unless {@link ScrollSettings#beyondShards()} says otherwise.
 */
public final class ScrollSlicing {

    private ScrollSlicing() {
    }

    /**
     * The settings with their slice count resolved against {@code index}: {@link ScrollSettings#PER_SHARD} becomes its
     * shard count, any other count is kept if the engine slices it cheaply.
     *
     * @throws IllegalArgumentException naming {@code slices} (and {@code beyondShards}) when the count exceeds the
     *                                  shards and that was not accepted
     * @throws IllegalStateException    when the shard count cannot be read
     */
    public static ScrollSettings resolve(RestClient client, String index, ScrollSettings requested) {
        int shards = primaryShards(client, index);
        if (requested.slices() == ScrollSettings.PER_SHARD) {
            return requested.withSlices(shards);
        }
        if (requested.slices() > shards && !requested.beyondShards()) {
            throw new IllegalArgumentException("slices: " + requested.slices() + " slices of '" + index + "', which has "
                    + shards + (shards == 1 ? " primary shard" : " primary shards") + ": each slice beyond the shard "
                    + "count makes the source engine hash the _id of every document of a shard (measured: 22x its CPU "
                    + "with 3 slices on 1 shard); give at most " + shards + ", 0 for one per shard, or set beyondShards "
                    + "to accept that cost");
        }
        return requested;
    }

    /**
     * The fewest primary shards among the indices behind {@code index} (an alias may cover several): a slice count up
     * to it is cheap on each of them.
     */
    public static int primaryShards(RestClient client, String index) {
        String label = "the shard count of '" + index + "'";
        EngineCall.Reply reply = EngineCall.send(client, "GET",
                "/" + EngineCall.segment(index) + "/_settings/index.number_of_shards", null);
        if (!reply.ok()) {
            throw reply.refused("cannot read " + label + ": ");
        }
        int fewest = Integer.MAX_VALUE;
        for (JsonNode settings : reply.body()) {
            int shards = settings.path("settings").path("index").path("number_of_shards").asInt(0);
            if (shards > 0) {
                fewest = Math.min(fewest, shards);
            }
        }
        if (fewest == Integer.MAX_VALUE) {
            throw new IllegalStateException("cannot read " + label + " from " + reply.body());
        }
        return fewest;
    }
}
