package io.tandem.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.core.cluster.EngineCall;
import org.elasticsearch.client.RestClient;

/** How many primary shards the source index has (the largest, for an alias over several indices). */
final class SourceShards {

    private SourceShards() {
    }

    static int count(RestClient source, String index) {
        EngineCall.Reply reply = EngineCall.send(source, "GET", "/" + EngineCall.segment(index) + "/_settings/index.number_of_shards", null);
        if (!reply.ok()) {
            throw new IllegalStateException("cannot read the shard count of " + index + ": " + reply.failure());
        }
        int shards = 0;
        for (JsonNode settings : reply.body()) {
            shards = Math.max(shards, settings.path("settings").path("index").path("number_of_shards").asInt(0));
        }
        if (shards < 1) {
            throw new IllegalStateException("cannot read the shard count of " + index + " from " + reply.body());
        }
        return shards;
    }
}
