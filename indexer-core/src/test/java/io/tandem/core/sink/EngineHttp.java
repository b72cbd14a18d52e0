package io.tandem.core.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.http.HttpHost;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;

/** A test's direct line to a real engine, beside the writer: creates indices and reads back what they hold. */
final class EngineHttp implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient client;

    EngineHttp(String address) {
        this.client = RestClient.builder(HttpHost.create(address)).build();
    }

    /** An index with one shard and no replica (a single node could not place one), and these mappings. */
    void createIndex(String index, String mappingsJson) {
        send("PUT", "/" + index, "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0},\"mappings\":"
                + mappingsJson + "}");
    }

    /** The documents the index holds for these ids, by id; an id it does not hold is absent from the map. */
    Map<String, JsonNode> get(String index, Collection<String> ids) {
        ObjectNode body = JSON.createObjectNode();
        ids.forEach(body.putArray("ids")::add);
        JsonNode answer = send("POST", "/" + index + "/_mget", body.toString());
        Map<String, JsonNode> found = new HashMap<>();
        answer.path("docs").forEach(doc -> {
            if (doc.path("found").asBoolean(false)) {
                found.put(doc.path("_id").asText(), doc);
            }
        });
        return found;
    }

    long count(String index) {
        send("POST", "/" + index + "/_refresh", null);
        return send("GET", "/" + index + "/_count", null).path("count").asLong();
    }

    JsonNode send(String method, String path, String jsonBody) {
        Request request = new Request(method, path);
        if (jsonBody != null) {
            request.setJsonEntity(jsonBody);
        }
        try {
            Response response = client.performRequest(request);
            return JSON.readTree(EntityUtils.toString(response.getEntity()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
