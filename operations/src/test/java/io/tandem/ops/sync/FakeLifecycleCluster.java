package io.tandem.ops.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/**
 * A stand-in for a cluster with a lifecycle API, which none of the local engines has (Elasticsearch OSS has no ILM,
 * OpenSearch there has no ISM plugin). It replays the request and response shapes the vendors document, and nothing
 * more: Elastic's {@code GET/PUT _ilm/policy} (a policy answered with {@code version}, {@code modified_date} and
 * {@code in_use_by}), OpenSearch's {@code GET/PUT _plugins/_ism/policies} (answered with {@code _id}, {@code _version},
 * {@code _seq_no}, {@code _primary_term}, and {@code policy_id}, {@code last_updated_time}, {@code schema_version},
 * {@code error_notification} in the policy; an update must name the revision with {@code if_seq_no} and
 * {@code if_primary_term}, else 409), {@code GET /}, and legacy templates. The other schema APIs answer empty.
 */
final class FakeLifecycleCluster implements AutoCloseable {

    /** Which vendor's API it replays. */
    enum Kind { ELASTICSEARCH_ILM, OPENSEARCH_ISM }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ISM = "/_plugins/_ism/policies";
    private static final String ILM = "/_ilm/policy";

    private final Kind kind;
    private final HttpServer server;
    private final RestClient client;
    private final Map<String, ObjectNode> policies = new TreeMap<>();
    private final Map<String, Long> revisions = new HashMap<>();
    private final Map<String, ObjectNode> templates = new TreeMap<>();
    private final List<String> writes = Collections.synchronizedList(new ArrayList<>());
    private long seqNo;

    FakeLifecycleCluster(Kind kind) throws IOException {
        this.kind = kind;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        client = RestClient.builder(new HttpHost("127.0.0.1", server.getAddress().getPort(), "http")).build();
    }

    RestClient client() {
        return client;
    }

    /** A policy as the source holds it: the body of its PUT. */
    synchronized void putPolicy(String name, ObjectNode body) {
        store(name, body);
    }

    synchronized void putTemplate(String name, ObjectNode body) {
        templates.put(name, body.deepCopy());
    }

    /** The policy as last PUT, {@code {"policy":{...}}}. */
    synchronized ObjectNode policy(String name) {
        return policies.get(name).deepCopy();
    }

    synchronized ObjectNode template(String name) {
        return templates.get(name).deepCopy();
    }

    synchronized long seqNo(String name) {
        return revisions.get(name);
    }

    /** Every PUT received, "PUT path?query". */
    List<String> writes() {
        return List.copyOf(writes);
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        URI uri = exchange.getRequestURI();
        String path = uri.getPath();
        Map<String, String> query = query(uri);
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        if (method.equals("PUT")) {
            writes.add("PUT " + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        }
        if (method.equals("GET") && path.equals("/")) {
            ObjectNode version = JsonNodeFactory.instance.objectNode();
            version.putObject("version").put("number", kind == Kind.OPENSEARCH_ISM ? "2.19.1" : "7.17.0");
            if (kind == Kind.OPENSEARCH_ISM) {
                ((ObjectNode) version.get("version")).put("distribution", "opensearch");
            }
            respond(exchange, 200, version);
        } else if (kind == Kind.ELASTICSEARCH_ILM && path.equals(ILM) && method.equals("GET")) {
            ObjectNode all = JsonNodeFactory.instance.objectNode();
            policies.forEach((name, policy) -> {
                ObjectNode read = all.putObject(name);
                read.put("version", revisions.get(name)).put("modified_date", "2024-01-01T00:00:00.000Z");
                read.set("policy", policy.get("policy"));
                read.putObject("in_use_by").putArray("indices");
            });
            respond(exchange, 200, all);
        } else if (kind == Kind.ELASTICSEARCH_ILM && path.startsWith(ILM + "/") && method.equals("PUT")) {
            store(path.substring(ILM.length() + 1), (ObjectNode) body);
            respond(exchange, 200, JsonNodeFactory.instance.objectNode().put("acknowledged", true));
        } else if (kind == Kind.OPENSEARCH_ISM && path.equals(ISM) && method.equals("GET")) {
            ObjectNode page = JsonNodeFactory.instance.objectNode();
            int from = Integer.parseInt(query.getOrDefault("from", "0"));
            int size = Integer.parseInt(query.getOrDefault("size", "20"));
            ArrayNode list = page.putArray("policies");
            policies.keySet().stream().skip(from).limit(size).forEach(name -> list.add(ismDocument(name)));
            page.put("total_policies", policies.size());
            respond(exchange, 200, page);
        } else if (kind == Kind.OPENSEARCH_ISM && path.startsWith(ISM + "/")) {
            ism(exchange, method, path.substring(ISM.length() + 1), query, body);
        } else if (path.equals("/_template") && method.equals("GET")) {
            ObjectNode all = JsonNodeFactory.instance.objectNode();
            templates.forEach(all::set);
            respond(exchange, 200, all);
        } else if (path.startsWith("/_template/") && method.equals("PUT")) {
            templates.put(path.substring("/_template/".length()), (ObjectNode) body);
            respond(exchange, 200, JsonNodeFactory.instance.objectNode().put("acknowledged", true));
        } else if (path.equals("/_component_template") || path.equals("/_index_template")) {
            respond(exchange, 200, JsonNodeFactory.instance.objectNode()
                    .set(path.equals("/_component_template") ? "component_templates" : "index_templates",
                            JsonNodeFactory.instance.arrayNode()));
        } else if (path.equals("/_cat/indices") || path.equals("/_cat/aliases")) {
            respond(exchange, 200, JsonNodeFactory.instance.arrayNode());
        } else {
            respond(exchange, 400, JsonNodeFactory.instance.objectNode()
                    .put("error", "no handler found for uri [" + path + "] and method [" + method + "]").put("status", 400));
        }
    }

    private void ism(HttpExchange exchange, String method, String name, Map<String, String> query, JsonNode body)
            throws IOException {
        if (method.equals("GET")) {
            if (policies.containsKey(name)) {
                respond(exchange, 200, ismDocument(name));
            } else {
                respond(exchange, 404, error("status_exception", "Policy not found"));
            }
            return;
        }
        boolean exists = policies.containsKey(name);
        String ifSeqNo = query.get("if_seq_no");
        if (exists && (ifSeqNo == null || Long.parseLong(ifSeqNo) != revisions.get(name)
                || !"1".equals(query.get("if_primary_term")))) {
            respond(exchange, 409, error("version_conflict_engine_exception", "[" + name + "]: version conflict"));
            return;
        }
        store(name, (ObjectNode) body);
        ObjectNode answer = ismDocument(name);
        ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
        wrapped.set("policy", answer.get("policy"));
        answer.set("policy", wrapped);
        respond(exchange, exists ? 200 : 201, answer);
    }

    /** A stored policy as ISM answers it, read-only fields added. */
    private ObjectNode ismDocument(String name) {
        ObjectNode document = JsonNodeFactory.instance.objectNode().put("_id", name).put("_version", revisions.get(name) + 1)
                .put("_seq_no", revisions.get(name)).put("_primary_term", 1);
        ObjectNode policy = document.putObject("policy").put("policy_id", name).put("description", "")
                .put("last_updated_time", 1577990934044L).put("schema_version", 1).putNull("error_notification");
        policy.setAll((ObjectNode) policies.get(name).get("policy").deepCopy());
        return document;
    }

    private void store(String name, ObjectNode body) {
        policies.put(name, body.deepCopy());
        revisions.put(name, seqNo++);
    }

    private static ObjectNode error(String type, String reason) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.putObject("error").put("type", type).put("reason", reason);
        return answer;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new HashMap<>();
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                int equals = pair.indexOf('=');
                query.put(equals < 0 ? pair : pair.substring(0, equals), equals < 0 ? "" : pair.substring(equals + 1));
            }
        }
        return query;
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            server.stop(0);
        }
    }
}
