package io.tandem.ops.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.cluster.EngineCall;
import io.tandem.core.cluster.EngineCall.Reply;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.elasticsearch.client.RestClient;

/**
 * The request and response shapes of the two lifecycle APIs: Elasticsearch ILM ({@code GET/PUT _ilm/policy}) and
 * OpenSearch ISM ({@code GET/PUT _plugins/_ism/policies}, paged, updated with {@code if_seq_no}/{@code if_primary_term}).
 *
 * <p>A cluster without the API (Elasticsearch OSS, OpenSearch without the ISM plugin) answers the GET with 400, 404 or
 * 405 and an error that is not about the policies: that is read as "no lifecycle API", not as a failure.
 */
final class LifecyclePolicyApi {

    private static final String ILM = "/_ilm/policy";
    private static final String ISM = "/_plugins/_ism/policies";
    private static final int ISM_PAGE = 100;
    /** Where ISM keeps its policies: before the first policy is written it does not exist, which is not "no ISM". */
    private static final String ISM_CONFIG_INDEX = ".opendistro-ism-config";

    /**
     * What a cluster's lifecycle API holds.
     *
     * @param api      the API found, {@link LifecycleApi#NONE} when there is none
     * @param policies every policy as read, with its read-only metadata
     * @param note     why there is none, for the plan; {@code null} when there is one
     */
    record Policies(LifecycleApi api, List<SchemaResource> policies, String note) {
        Policies {
            policies = List.copyOf(policies);
        }
    }

    private final RestClient client;

    LifecyclePolicyApi(RestClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** Reads the policies through the API this kind of engine would have. */
    Policies read(LifecycleApi expected) {
        return switch (expected) {
            case ILM -> readIlm();
            case ISM -> readIsm();
            case NONE -> new Policies(LifecycleApi.NONE, List.of(), "no lifecycle API");
        };
    }

    /** Creates a policy, or replaces one that exists. */
    void put(LifecycleApi api, String name, ObjectNode body, boolean replace) {
        String path = (api == LifecycleApi.ILM ? ILM : ISM) + "/" + EngineCall.segment(name);
        if (api == LifecycleApi.ISM && replace) {
            // ISM refuses to overwrite a policy blindly: the update names the revision it replaces
            Reply current = EngineCall.send(client, "GET", path, null);
            if (!current.ok()) {
                throw current.refused();
            }
            path += "?if_seq_no=" + current.body().path("_seq_no").asLong() + "&if_primary_term="
                    + current.body().path("_primary_term").asLong();
        }
        Reply reply = EngineCall.send(client, "PUT", path, body);
        if (!reply.ok()) {
            throw reply.refused();
        }
    }

    private Policies readIlm() {
        Reply reply = EngineCall.send(client, "GET", ILM, null);
        if (absent(reply)) {
            return none(reply);
        }
        if (!reply.ok()) {
            throw reply.refused();
        }
        List<SchemaResource> policies = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = reply.body().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getValue().isObject()) {
                policies.add(new SchemaResource(ResourceKind.LIFECYCLE_POLICY, entry.getKey(), (ObjectNode) entry.getValue()));
            }
        }
        return new Policies(LifecycleApi.ILM, sorted(policies), null);
    }

    private Policies readIsm() {
        List<SchemaResource> policies = new ArrayList<>();
        for (int from = 0; ; from += ISM_PAGE) {
            Reply reply = EngineCall.send(client, "GET", ISM + "?size=" + ISM_PAGE + "&from=" + from, null);
            if (reply.status() == 404 && ISM_CONFIG_INDEX.equals(reply.body().path("error").path("index").asText())) {
                return new Policies(LifecycleApi.ISM, List.of(), null);
            }
            if (absent(reply)) {
                return none(reply);
            }
            if (!reply.ok()) {
                throw reply.refused();
            }
            JsonNode page = reply.body().path("policies");
            for (JsonNode policy : page) {
                policies.add(new SchemaResource(ResourceKind.LIFECYCLE_POLICY, policy.path("_id").asText(), (ObjectNode) policy));
            }
            long total = reply.body().path("total_policies").asLong(policies.size());
            if (page.size() < ISM_PAGE || policies.size() >= total) {
                return new Policies(LifecycleApi.ISM, sorted(policies), null);
            }
        }
    }

    /**
     * The answers of a cluster that has no such API: no handler for the path (400), the path read as an index name
     * (404 index_not_found, or 400 invalid index name), or the path matching another method only (405).
     */
    private static boolean absent(Reply reply) {
        return reply.status() == 400 || reply.status() == 405
                || (reply.status() == 404 && reply.errorType().equals("index_not_found_exception"));
    }

    private static Policies none(Reply reply) {
        return new Policies(LifecycleApi.NONE, List.of(), "no lifecycle API (" + reply.request() + " answered HTTP "
                + reply.status() + ")");
    }

    private static List<SchemaResource> sorted(List<SchemaResource> policies) {
        return policies.stream().sorted(Comparator.comparing(SchemaResource::name)).toList();
    }
}
