package io.tandem.localstack.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Asks a starting search engine whether it is ready: the node we started answers (its cluster name) and its cluster
 * is at least yellow. Over HTTP, or HTTPS trusting the engine's own certificate with a user's credentials.
 */
final class EngineProbe {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient http;
    private final Optional<String> authorization;

    private EngineProbe(HttpClient http, Optional<String> authorization) {
        this.http = http;
        this.authorization = authorization;
    }

    static EngineProbe open() {
        return new EngineProbe(HttpClient.newBuilder().connectTimeout(TIMEOUT).build(), Optional.empty());
    }

    /** Over TLS trusting {@code certificate}, as {@code user}. */
    static EngineProbe secured(SelfSignedCertificate certificate, String user, String password) {
        return new EngineProbe(HttpClient.newBuilder().connectTimeout(TIMEOUT).sslContext(certificate.sslContext()).build(),
                Optional.of("Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * The version the node reports, once it is ours and its cluster is at least yellow.
     *
     * @param clusterName the name of the cluster we started, or {@code null} when the node was checked already (a
     *                    proxy in front of it is being probed)
     */
    Optional<String> readyVersion(String url, String clusterName) throws IOException, InterruptedException {
        return readyVersion(url, clusterName, 1);
    }

    /** As {@link #readyVersion(String, String)}, once the cluster also has {@code nodes} nodes. */
    Optional<String> readyVersion(String url, String clusterName, int nodes) throws IOException, InterruptedException {
        JsonNode root = getJson(url + "/");
        if (root == null || clusterName != null && !clusterName.equals(root.path("cluster_name").asText())) {
            return Optional.empty();
        }
        JsonNode health = getJson(url + "/_cluster/health?wait_for_status=yellow&wait_for_nodes=" + nodes
                + "&timeout=1s");
        if (health == null || health.path("timed_out").asBoolean(true)) {
            return Optional.empty();
        }
        return Optional.of(root.path("version").path("number").asText());
    }

    private JsonNode getJson(String url) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET();
        authorization.ifPresent(value -> request.header("Authorization", value));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }
}
