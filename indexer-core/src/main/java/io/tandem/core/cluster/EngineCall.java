package io.tandem.core.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import java.io.IOException;
import java.security.cert.CertPathBuilderException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import org.apache.http.util.EntityUtils;
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

    /**
     * As {@link #send}, sending again, as {@code retry} says, what {@code retryWhen} accepts of the failed answers
     * (e.g. {@link Reply#mayPass}): for a write the engine refused before carrying it out, such as a 429 of its full
     * write queue. The last answer, whatever it is, once the retries are spent or the thread is interrupted.
     */
    public static Reply sendRetrying(RestClient client, String method, String endpoint, JsonNode body,
                                     RetryPolicy retry, Predicate<Reply> retryWhen) {
        long firstFailure = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            Reply reply = send(client, method, endpoint, body);
            if (reply.ok() || !retryWhen.test(reply)
                    || retry.lastAttempt(attempt, Duration.ofNanos(System.nanoTime() - firstFailure))) {
                return reply;
            }
            try {
                Sleeper.THREAD.sleep(retry.delayBefore(attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return reply;
            }
        }
    }

    public static Reply send(RestClient client, String method, String endpoint, JsonNode body) {
        String description = method + " " + endpoint;
        Response response;
        byte[] answer;
        try {
            response = perform(client, method, endpoint, body);
            answer = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
        } catch (IOException e) {
            throw new UncheckedIOException(description + " failed: " + transportFailure(client, e), e);
        }
        int status = response.getStatusLine().getStatusCode();
        return new Reply(description, status, tree(description, status, answer, JsonMappers.PLAIN));
    }

    /**
     * An answer's body as a tree, missing when there is none. A refusal may come from a proxy in front of the engine
     * (an HTML 401 or 502) rather than the engine, and not be JSON: its text, markup removed, is then the reason, as
     * {@code {"error": text}}, so that the status decides what happens as it does for the engine's own refusals.
     *
     * @throws IllegalStateException when a success is not JSON
     */
    public static JsonNode tree(String request, int status, byte[] body, ObjectMapper mapper) {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = mapper.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException notJson) {
            if (status >= 200 && status < 300) {
                throw new IllegalStateException(request + ": unreadable answer: " + Urls.redactIn(notJson.getMessage()), notJson);
            }
            String text = new String(body, StandardCharsets.UTF_8).replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
            ObjectNode error = mapper.createObjectNode();
            error.put("error", text.length() <= 300 ? text : text.substring(0, 300) + "...");
            return error;
        }
    }

    /**
     * What a request that got no answer says, naming the cluster's hosts when the client's message does not (a TLS
     * failure does not). A certificate no trusted CA signed says which settings fix it.
     */
    public static String transportFailure(RestClient client, IOException e) {
        String hosts = client.getNodes().stream().map(node -> node.getHost().toURI()).collect(Collectors.joining(", "));
        // the client's own messages never hold credentials; masked all the same
        String message = Urls.redactIn(String.valueOf(e.getMessage()));
        if (e instanceof SSLException && causedBy(e, CertPathBuilderException.class)) {
            return "the TLS certificate of " + hosts + " is not signed by a CA this client trusts (" + message
                    + "): give that CA's PEM file with --source-ca-cert or --target-ca-cert";
        }
        return client.getNodes().stream().anyMatch(node -> message.contains(node.getHost().getHostName() + ":"
                + node.getHost().getPort())) ? message : message + " (" + hosts + ")";
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
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
}
