package io.tandem.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tandem.core.json.JsonMappers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/**
 * An HTTP server that answers as scripted, per method and path, and records what it was asked: for the failures a
 * real engine will not produce on demand (429s, lost pages, shard failures). {@code GET /} answers as Elasticsearch
 * 7.10, an index's shard count is 4, its stats 1,000 documents in 500,000 bytes and {@code DELETE /_search/scroll} succeeds unless scripted otherwise.
 */
final class FakeEngine implements AutoCloseable {

    /** A request as received; {@code body} is missing when there was none. */
    record Received(String method, String uri, JsonNode body) {
    }

    private final HttpServer server;
    private final RestClient client;
    private final Map<String, Deque<String[]>> script = new HashMap<>();
    private final List<Received> received = new ArrayList<>();

    FakeEngine() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
        client = RestClient.builder(new HttpHost("127.0.0.1", server.getAddress().getPort(), "http")).build();
    }

    /** The next request {@code method path} (no query string) is answered with this status and JSON (quotes: '). */
    synchronized FakeEngine answer(String methodAndPath, int status, String singleQuotedJson) {
        script.computeIfAbsent(methodAndPath, key -> new ArrayDeque<>())
                .add(new String[] {String.valueOf(status), singleQuotedJson.replace('\'', '"')});
        return this;
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    synchronized List<Received> received(String method, String path) {
        return received.stream().filter(r -> r.method().equals(method) && r.uri().split("\\?")[0].equals(path)).toList();
    }

    RestClient client() {
        return client;
    }

    /** Stops answering: later requests fail to connect. */
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] requestBody = exchange.getRequestBody().readAllBytes();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String[] answer;
        synchronized (this) {
            received.add(new Received(method, exchange.getRequestURI().toString(),
                    requestBody.length == 0 ? MissingNode.getInstance() : JsonMappers.SOURCE.readTree(requestBody)));
            Deque<String[]> answers = script.get(method + " " + path);
            answer = answers == null || answers.isEmpty() ? null : answers.poll();
        }
        if (answer == null && method.equals("GET") && path.equals("/")) {
            answer = new String[] {"200", "{\"version\":{\"number\":\"7.10.2\"}}"};
        }
        if (answer == null && method.equals("GET") && path.endsWith("/_settings/index.number_of_shards")) {
            String index = path.substring(1, path.indexOf('/', 1));
            answer = new String[] {"200", "{\"" + index + "\":{\"settings\":{\"index\":{\"number_of_shards\":\"4\"}}}}"};
        }
        if (answer == null && method.equals("GET") && path.endsWith("/_stats/docs,store")) {
            answer = new String[] {"200", "{\"_all\":{\"primaries\":{\"docs\":{\"count\":1000},\"store\":{\"size_in_bytes\":500000}}}}"};
        }
        if (answer == null && method.equals("DELETE") && path.equals("/_search/scroll")) {
            answer = new String[] {"200", "{\"succeeded\":true,\"num_freed\":1}"};
        }
        if (answer == null) {
            answer = new String[] {"500", "{\"error\":\"nothing scripted for " + method + " " + path + "\"}"};
        }
        byte[] bytes = answer[1].getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(Integer.parseInt(answer[0]), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
        server.stop(0);
    }
}
