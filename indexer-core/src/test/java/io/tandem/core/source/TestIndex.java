package io.tandem.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.core.json.JsonMappers;
import io.tandem.localstack.Engine;
import io.tandem.localstack.EngineEndpoint;
import io.tandem.localstack.junit.Engines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.http.HttpHost;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * A source index on a real engine, deleted on close: 3 shards, no replica (one node could not place it), {@code n}
 * an integer. On Elasticsearch 6.8 it is typed, as a 6.x index is: mappings and bulk lines name the type {@code _doc}.
 */
final class TestIndex implements AutoCloseable {

    private final RestClient client;
    private final String name;
    private final boolean typed;

    private TestIndex(RestClient client, String name, boolean typed) {
        this.client = client;
        this.name = name;
        this.typed = typed;
    }

    static TestIndex create(EngineEndpoint endpoint) {
        boolean typed = endpoint.engine() == Engine.ELASTICSEARCH_6;
        TestIndex index = new TestIndex(RestClient.builder(HttpHost.create(endpoint.address())).build(),
                Engines.uniqueName("scroll"), typed);
        String mapping = "{\"properties\":{\"n\":{\"type\":\"integer\"}}}";
        // include_type_name: 6.8 takes typed mappings without it, but warns that 7.0 will not
        index.send("PUT", "/" + index.name + (typed ? "?include_type_name=true" : ""), "{\"settings\":{\"number_of_shards\":3,\"number_of_replicas\":0},"
                + "\"mappings\":" + (typed ? "{\"_doc\":" + mapping + "}" : mapping) + "}", ContentType.APPLICATION_JSON);
        return index;
    }

    RestClient client() {
        return client;
    }

    String name() {
        return name;
    }

    /** Indexes these sources (JSON text, sent as is) by id, then refreshes so that a search sees them all. */
    void load(Map<String, String> sourcesById) {
        StringBuilder bulk = new StringBuilder();
        sourcesById.forEach((id, source) -> bulk.append("{\"index\":{\"_index\":\"").append(name).append('"')
                .append(typed ? ",\"_type\":\"_doc\"" : "").append(",\"_id\":\"").append(id).append("\"}}\n")
                .append(source).append('\n'));
        // JSON, not x-ndjson: 6.8 refuses x-ndjson with a charset (406), and without one the text would not be UTF-8
        JsonNode answer = send("POST", "/_bulk?refresh=true", bulk.toString(), ContentType.APPLICATION_JSON);
        if (answer.path("errors").asBoolean(true)) {
            throw new IllegalStateException("bulk failed: " + answer.toString().substring(0, 500));
        }
    }

    void send(String method, String path) {
        send(method, path, null, ContentType.APPLICATION_JSON);
    }

    private JsonNode send(String method, String path, String body, ContentType type) {
        Request request = new Request(method, path);
        if (body != null) {
            request.setEntity(new NStringEntity(body, type));
        }
        try {
            return JsonMappers.SOURCE.readTree(EntityUtils.toString(client.performRequest(request).getEntity()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            send("DELETE", "/" + name);
        } finally {
            client.close();
        }
    }
}
