package io.tandem.core.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * An HTTP proxy in front of a real engine (JDK {@code com.sun.net.httpserver} in, {@code java.net.http} out) that
 * forwards everything except what its {@link BulkFault} decides to break in {@code _bulk} requests: the engine
 * stays the judge of every write it does get.
 */
final class FaultInjectingProxy implements AutoCloseable {

    /** An answer to send back. */
    record Answer(int status, String contentType, byte[] body) {
    }

    /** Sends a {@code _bulk} body on to the engine and returns its answer. */
    @FunctionalInterface
    interface Engine {
        Answer forward(byte[] body) throws IOException, InterruptedException;
    }

    /** Decides what the writer gets for the {@code number}-th {@code _bulk} request (counting from 1). */
    @FunctionalInterface
    interface BulkFault {
        Answer apply(int number, byte[] body, Engine engine) throws IOException, InterruptedException;
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "expect",
            "transfer-encoding", "upgrade", "keep-alive",
            "accept-encoding"); // answers are read here, so they must come uncompressed

    private final String target;
    private final BulkFault fault;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger bulkRequests = new AtomicInteger();
    private final AtomicInteger injected = new AtomicInteger();

    FaultInjectingProxy(String target, BulkFault fault) {
        this.target = target;
        this.fault = fault;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** The first {@code count} {@code _bulk} requests are answered {@code status} as a whole, not forwarded. */
    static BulkFault rejectingRequests(int count, int status, String type) {
        return (number, body, engine) -> number > count
                ? engine.forward(body)
                : new Answer(status, "application/json", EsResponses.requestError(status, type,
                        "rejected execution of coordinating operation (injected by the test proxy)")
                        .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * In the first {@code count} {@code _bulk} requests, the items at positions {@code selected} are not forwarded;
     * the engine's real answer for the others is returned with a 429 {@code es_rejected_execution_exception} item
     * spliced in at each of those positions, as an overloaded engine answers.
     */
    static BulkFault rejectingItems(int count, IntPredicate selected) {
        return (number, body, engine) -> {
            if (number > count) {
                return engine.forward(body);
            }
            List<List<String>> actions = actions(body);
            StringBuilder forwarded = new StringBuilder();
            for (int i = 0; i < actions.size(); i++) {
                if (!selected.test(i)) {
                    actions.get(i).forEach(line -> forwarded.append(line).append('\n'));
                }
            }
            ArrayNode realItems = JSON.createArrayNode();
            if (forwarded.length() > 0) {
                Answer real = engine.forward(forwarded.toString().getBytes(StandardCharsets.UTF_8));
                if (real.status() != 200) {
                    return real;
                }
                realItems = (ArrayNode) JSON.readTree(real.body()).path("items");
            }
            List<String> items = new ArrayList<>();
            int next = 0;
            for (int i = 0; i < actions.size(); i++) {
                if (selected.test(i)) {
                    JsonNode actionLine = JSON.readTree(actions.get(i).get(0));
                    String action = actionLine.fieldNames().next();
                    JsonNode meta = actionLine.path(action);
                    items.add(EsResponses.rejectedExecution(action, meta.path("_index").asText(),
                            meta.path("_id").asText()));
                } else {
                    items.add(realItems.get(next++).toString());
                }
            }
            return new Answer(200, "application/json", EsResponses.bulk(items).getBytes(StandardCharsets.UTF_8));
        };
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int bulkRequests() {
        return bulkRequests.get();
    }

    /** {@code _bulk} requests or items the proxy answered with a failure instead of the engine. */
    int injected() {
        return injected.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            Answer answer;
            try {
                if (exchange.getRequestMethod().equals("POST") && path.endsWith("/_bulk")) {
                    int number = bulkRequests.incrementAndGet();
                    answer = fault.apply(number, body, forwarded -> forward(exchange, forwarded));
                    countInjected(body, answer);
                } else {
                    answer = forward(exchange, body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                exchange.getResponseBody().write(answer.body());
            }
        }
    }

    private Answer forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        URI uri = URI.create(target + exchange.getRequestURI().toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(),
                response.headers().firstValue("Content-Type").orElse("application/json"), response.body());
    }

    /** Counts a whole request answered non-200, or the 429 items of an answer, as injected (the engine's are real). */
    private void countInjected(byte[] request, Answer answer) throws IOException {
        if (answer.status() != 200) {
            injected.incrementAndGet();
            return;
        }
        JsonNode items = JSON.readTree(answer.body()).path("items");
        for (JsonNode item : items) {
            JsonNode result = item.elements().next();
            if (result.path("error").path("reason").asText().equals(EsResponses.REJECTED_EXECUTION_REASON)) {
                injected.incrementAndGet();
            }
        }
    }

    /** The lines of each action of an NDJSON bulk body: the action line, then the document line unless a delete. */
    private static List<List<String>> actions(byte[] body) throws IOException {
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\n");
        List<List<String>> actions = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            ObjectNode actionLine = (ObjectNode) JSON.readTree(lines[i]);
            if (actionLine.has("delete")) {
                actions.add(List.of(lines[i]));
            } else {
                actions.add(List.of(lines[i], lines[++i]));
            }
        }
        return actions;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
