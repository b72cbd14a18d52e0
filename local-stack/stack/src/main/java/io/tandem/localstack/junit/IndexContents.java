package io.tandem.localstack.junit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.localstack.EngineEndpoint;
import io.tandem.localstack.PemTrust;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test support: a whole index read back (refreshed first, then a scroll), id -> _source, to compare with what a test
 * expects, and single JSON requests. Plain JDK HTTP, so it depends on nothing the code under test uses. An engine is
 * named by its URL (an open engine) or by its endpoint, whose client properties let the test in as the engine's
 * administrator (a secured engine: its CA certificate, user and password).
 */
public final class IndexContents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Access OPEN = new Access(HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build(), null);
    private static final Map<String, Access> SECURED = new ConcurrentHashMap<>();

    /** How requests reach an engine: the client (trusting its CA) and the Authorization header, if any. */
    private record Access(HttpClient http, String authorization) {
    }

    private IndexContents() {
    }

    public static Map<String, ObjectNode> readAll(String baseUrl, String index) {
        return readAll(OPEN, baseUrl, index);
    }

    /** {@link #readAll(String, String)} as the endpoint's administrator. */
    public static Map<String, ObjectNode> readAll(EngineEndpoint endpoint, String index) {
        return readAll(access(endpoint), endpoint.address(), index);
    }

    /** Sends one JSON request and returns the answer; a non-2xx answer fails with its body. */
    public static JsonNode send(String baseUrl, String method, String path, String jsonBody) {
        return send(OPEN, baseUrl, method, path, jsonBody);
    }

    /** {@link #send(String, String, String, String)} as the endpoint's administrator. */
    public static JsonNode send(EngineEndpoint endpoint, String method, String path, String jsonBody) {
        return send(access(endpoint), endpoint.address(), method, path, jsonBody);
    }

    private static Map<String, ObjectNode> readAll(Access access, String baseUrl, String index) {
        send(access, baseUrl, "POST", "/" + index + "/_refresh", null);
        Map<String, ObjectNode> documents = new HashMap<>();
        JsonNode page = send(access, baseUrl, "POST", "/" + index + "/_search?scroll=2m", "{\"size\":5000,\"sort\":[\"_doc\"]}");
        String scrollId = page.path("_scroll_id").asText();
        try {
            while (page.path("hits").path("hits").size() > 0) {
                for (JsonNode hit : page.path("hits").path("hits")) {
                    documents.put(hit.path("_id").asText(), (ObjectNode) hit.path("_source"));
                }
                page = send(access, baseUrl, "POST", "/_search/scroll", "{\"scroll\":\"2m\",\"scroll_id\":\"" + scrollId + "\"}");
                scrollId = page.path("_scroll_id").asText();
            }
        } finally {
            send(access, baseUrl, "DELETE", "/_search/scroll", "{\"scroll_id\":\"" + scrollId + "\"}");
        }
        return documents;
    }

    private static Access access(EngineEndpoint endpoint) {
        Map<String, String> client = endpoint.clientProperties();
        if (client.isEmpty()) {
            return OPEN;
        }
        return SECURED.computeIfAbsent(endpoint.address(), address -> new Access(
                HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).sslContext(PemTrust.trusting(Path.of(client.get("ca-cert")))).build(),
                "Basic " + Base64.getEncoder().encodeToString((client.get("username") + ":" + client.get("password"))
                        .getBytes(StandardCharsets.UTF_8))));
    }

    private static JsonNode send(Access access, String baseUrl, String method, String path, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(2))
                .header("Content-Type", path.contains("_bulk") ? "application/x-ndjson" : "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (access.authorization() != null) {
            request.header("Authorization", access.authorization());
        }
        try {
            HttpResponse<String> response = access.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + method + " " + path, e);
        }
    }
}
