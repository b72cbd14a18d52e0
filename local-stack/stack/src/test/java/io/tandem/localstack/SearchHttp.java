package io.tandem.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.http.HttpHost;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;

/** A test's view of one search engine: JSON in, JSON out, through the low-level REST client the product uses. */
public final class SearchHttp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RestClient client;

    public SearchHttp(EngineEndpoint endpoint) {
        this.client = RestClient.builder(HttpHost.create(endpoint.address())).build();
    }

    /** Sends a request and returns the parsed answer; a non-2xx answer fails the test with the body. */
    public JsonNode send(String method, String path, String jsonBody) {
        Request request = new Request(method, path);
        if (jsonBody != null) {
            request.setJsonEntity(jsonBody);
        }
        try {
            Response response = client.performRequest(request);
            String body = response.getEntity() == null ? "{}" : EntityUtils.toString(response.getEntity());
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed: " + e.getMessage(), e);
        }
    }

    /** Sends NDJSON (a _bulk body). */
    public JsonNode sendNdjson(String path, String ndjson) {
        Request request = new Request("POST", path);
        request.setEntity(new org.apache.http.nio.entity.NStringEntity(ndjson,
                org.apache.http.entity.ContentType.create("application/x-ndjson")));
        try {
            Response response = client.performRequest(request);
            return JSON.readTree(EntityUtils.toString(response.getEntity()));
        } catch (IOException e) {
            throw new UncheckedIOException("bulk to " + path + " failed: " + e.getMessage(), e);
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
