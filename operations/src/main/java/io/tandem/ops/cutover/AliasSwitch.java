package io.tandem.ops.cutover;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.cluster.EngineCall;
import io.tandem.core.cluster.EngineCall.Reply;
import io.tandem.core.json.JsonMappers;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.elasticsearch.client.RestClient;

/** Reads where aliases point on a cluster, and moves them with one atomic {@code POST /_aliases}. */
public final class AliasSwitch {

    private final RestClient client;

    public AliasSwitch(RestClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** Every binding of these aliases now; an alias that exists nowhere has none. */
    public AliasState read(Set<String> aliases) {
        String names = String.join(",", new TreeSet<>(aliases).stream().map(EngineCall::segment).toList());
        Reply reply = EngineCall.send(client, "GET", "/_alias/" + names, null);
        // 404: at least one of the names exists nowhere; the body still holds the bindings of the others
        if (!reply.ok() && !(reply.status() == 404 && reply.body().path("error").isTextual())) {
            throw reply.refused();
        }
        return AliasState.fromGetAlias(reply.body()).of(aliases);
    }

    /**
     * Sends the actions as one request, which the engine applies all or none of.
     *
     * @return how long the request took, until the cluster acknowledged the new aliases
     * @throws IllegalStateException when the engine refuses them (nothing changed then) or does not acknowledge them
     */
    public Duration apply(ArrayNode actions) {
        if (actions.isEmpty()) {
            return Duration.ZERO;
        }
        ObjectNode body = JsonMappers.PLAIN.createObjectNode();
        body.set("actions", actions);
        long start = System.nanoTime();
        Reply reply = EngineCall.send(client, "POST", "/_aliases", body);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (!reply.ok()) {
            throw reply.refused();
        }
        if (!reply.body().path("acknowledged").asBoolean(false)) {
            throw new IllegalStateException("POST /_aliases: the cluster did not acknowledge the alias change in time;"
                    + " check where the aliases point before anything else");
        }
        return took;
    }
}
