package io.tandem.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.http.HttpHost;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/** A REST client on a test engine, and plain requests answered with status and body whatever the status. */
public final class RestFixture implements AutoCloseable {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final RestClient client;

    private RestFixture(RestClient client) {
        this.client = client;
    }

    public static RestFixture on(EngineEndpoint endpoint) {
        return new RestFixture(RestClient.builder(HttpHost.create(endpoint.address())).build());
    }

    public RestClient client() {
        return client;
    }

    /** An engine's answer. */
    public record Reply(int status, JsonNode body) {
        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Reply send(String method, String path, String json) {
        Request request = new Request(method, path);
        if (json != null) {
            request.setEntity(new NStringEntity(json, ContentType.APPLICATION_JSON));
        }
        Response response;
        try {
            response = client.performRequest(request);
        } catch (ResponseException e) {
            response = e.getResponse();
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        }
        try {
            String text = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity());
            JsonNode body = text.isBlank() ? MissingNode.getInstance() : MAPPER.readTree(text);
            return new Reply(response.getStatusLine().getStatusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
