package io.tandem.core.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.tandem.core.json.JsonMappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

        /** The failed request as an exception, its message {@link #failure()}. */
        public EngineRefusedException refused() {
            return refused("");
        }

        /** The failed request as an exception, its message {@link #failure()} after {@code context}. */
        public EngineRefusedException refused(String context) {
            return new EngineRefusedException(context + failure(), status);
        }

        /** A one-line description of a failed request, for exception messages. */
        public String failure() {
            JsonNode error = body.path("error");
            String reason = error.isTextual() ? error.asText()
                    : error.path("type").asText("") + ": " + error.path("reason").asText(body.toString());
            return request + " answered HTTP " + status + " " + reason.replaceAll("\\s*\\R\\s*", " ");
        }

        /**
         * The one index of an answer keyed by concrete index ({@code GET /<name>}, {@code /<name>/_settings}),
         * whatever name was asked for: its name and its part of the answer.
         *
         * @param asked the index or alias asked for
         * @param why   why one concrete index is needed, for the error
         * @throws IllegalStateException when the call failed, or {@code asked} resolves to more than one index
         */
        public Map.Entry<String, JsonNode> oneIndex(String asked, String why) {
            if (!ok()) {
                throw refused();
            }
            if (body.size() != 1) {
                List<String> concrete = new ArrayList<>();
                body.fieldNames().forEachRemaining(concrete::add);
                throw new IllegalStateException("'" + asked + "' resolves to " + concrete.size() + " indices " + concrete
                        + ": " + why);
            }
            return body.fields().next();
        }
    }

    public static Reply send(RestClient client, String method, String endpoint, JsonNode body) {
        String description = method + " " + endpoint;
        Response response;
        try {
            response = perform(client, method, endpoint, body);
        } catch (IOException e) {
            // the client's own message names the host it tried, never with credentials; masked all the same
            throw new UncheckedIOException(description + " failed: " + Urls.redactIn(e.getMessage()), e);
        }
        return new Reply(description, response.getStatusLine().getStatusCode(), parse(response.getEntity(), description));
    }

    /**
     * Sends one request with an optional JSON body and returns the engine's response whatever its status (the
     * client throws for 4xx and 5xx; the response is taken out of that exception).
     *
     * @throws IOException when no answer came (connection refused or reset, timeout)
     */
    public static Response perform(RestClient client, String method, String endpoint, JsonNode body) throws IOException {
        Request request = new Request(method, endpoint);
        if (body != null) {
            request.setEntity(new NStringEntity(body.toString(), ContentType.APPLICATION_JSON));
        }
        try {
            return client.performRequest(request);
        } catch (ResponseException e) {
            return e.getResponse();
        }
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
