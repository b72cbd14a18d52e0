package io.tandem.core.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.tandem.core.json.JsonMappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.http.HttpEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * One JSON request to the engine, answered with its status and body whatever the status, so that callers decide
 * what a 404 or 409 means instead of unwrapping exceptions. Only a transport failure throws. Used by the schema
 * and state operations, which read and write small JSON documents; bulk traffic has its own path (sink).
 */
public final class EngineCall {

    private EngineCall() {
    }

    /** The engine's answer. */
    public record Reply(String request, int status, JsonNode body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The engine's error type, e.g. {@code resource_already_exists_exception}, or "" when there is none. */
        public String errorType() {
            return body.path("error").path("type").asText("");
        }

        /**
         * The cluster condition the answer reports ({@link ClusterCondition#of}), if any: whether a failed call may
         * pass when tried again, or needs someone to change the cluster or Tandem's settings.
         */
        public Optional<ClusterCondition> condition() {
            return ok() ? Optional.empty() : ClusterCondition.of(status, body.path("error"));
        }

        /**
         * Whether a failed call may pass when tried again ({@link RetryPolicy}): the answer reports a condition that
         * does (429, 5xx, a closed or blocked index, ...). A refusal about the request itself (a 400, a 404 for a
         * document) or one that needs someone to act (401, 403, a missing index) does not.
         */
        public boolean mayPass() {
            return condition().map(ClusterCondition::retry).orElse(false);
        }

        /** A one-line description of a failed request, for exception messages. */
        public String failure() {
            JsonNode error = body.path("error");
            String reason = error.isTextual() ? error.asText()
                    : error.path("type").asText("") + ": " + error.path("reason").asText(body.toString());
            return request + " answered HTTP " + status + " " + reason.replaceAll("\\s*\\R\\s*", " ");
        }
    }

    public static Reply send(RestClient client, String method, String endpoint, JsonNode body) {
        Request request = new Request(method, endpoint);
        if (body != null) {
            request.setEntity(new NStringEntity(body.toString(), ContentType.APPLICATION_JSON));
        }
        String description = method + " " + endpoint;
        Response response;
        try {
            response = client.performRequest(request);
        } catch (ResponseException e) {
            response = e.getResponse();
        } catch (IOException e) {
            // the client's own message names the host it tried, never with credentials; masked all the same
            throw new UncheckedIOException(description + " failed: " + Urls.redactIn(e.getMessage()), e);
        }
        return new Reply(description, response.getStatusLine().getStatusCode(), parse(response.getEntity(), description));
    }

    /** A path segment (index name, document id) with '/' and other reserved characters escaped. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode parse(HttpEntity entity, String description) {
        if (entity == null) {
            return MissingNode.getInstance();
        }
        try (InputStream in = entity.getContent()) {
            JsonNode node = JsonMappers.PLAIN.readTree(in);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) {
            throw new UncheckedIOException(description + ": unreadable answer: " + Urls.redactIn(e.getMessage()), e);
        }
    }
}
