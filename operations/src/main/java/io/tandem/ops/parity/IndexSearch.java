package io.tandem.ops.parity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.cluster.EngineCall;
import java.util.Objects;
import org.elasticsearch.client.RestClient;

/** Searches one index (or alias) of one cluster. */
public final class IndexSearch {

    private final RestClient client;
    private final String index;

    public IndexSearch(RestClient client, String index) {
        this.client = Objects.requireNonNull(client, "client");
        this.index = Objects.requireNonNull(index, "index");
    }

    public String index() {
        return index;
    }

    /** @throws IllegalStateException with the engine's reason when it refuses the search */
    public Hits hits(ObjectNode body) {
        return Hits.from(send(body).body());
    }

    /** One timed search: nanoseconds from sending the request to having read the answer. */
    public long nanos(ObjectNode body) {
        long start = System.nanoTime();
        send(body);
        return System.nanoTime() - start;
    }

    private EngineCall.Reply send(ObjectNode body) {
        EngineCall.Reply reply = EngineCall.send(client, "POST", "/" + EngineCall.segment(index) + "/_search", body);
        if (!reply.ok()) {
            throw reply.refused();
        }
        return reply;
    }
}
