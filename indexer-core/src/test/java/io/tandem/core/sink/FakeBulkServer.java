package io.tandem.core.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/**
 * A tiny HTTP server standing in for a cluster's {@code _bulk} endpoint (JDK {@code com.sun.net.httpserver}): it
 * records each request, parsed, and answers what the test's {@link Responder} says, typically canned bodies from
 * {@link EsResponses}, shaped as Elasticsearch documents them.
 */
final class FakeBulkServer implements AutoCloseable {

    /** One action of a received body: its action line and, for {@code index}, its document line. */
    record Action(String type, String index, String id, long version, String versionType, JsonNode meta,
                  JsonNode source) {
    }

    /** One request as received: number counts from 1. */
    record Received(int number, String method, String path, String contentType, byte[] body, List<Action> actions) {
    }

    /** What to answer; {@link #DROP} closes the connection without an answer. */
    record Answer(int status, String body) {
        static final Answer DROP = new Answer(-1, null);

        static Answer ok(String body) {
            return new Answer(200, body);
        }
    }

    @FunctionalInterface
    interface Responder {
        Answer answer(Received request) throws Exception;
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Responder responder;
    private final List<Received> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final List<RestClient> clients = new CopyOnWriteArrayList<>();

    FakeBulkServer(Responder responder) {
        this.responder = responder;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** Answers every action as applied: index 201 created, delete 200 deleted. */
    static FakeBulkServer applyingAll() {
        return new FakeBulkServer(FakeBulkServer::applyAll);
    }

    static Answer applyAll(Received request) {
        return Answer.ok(EsResponses.bulk(request.actions().stream().map(FakeBulkServer::applied).toList()));
    }

    static String applied(Action action) {
        return action.type().equals("delete")
                ? EsResponses.deleted(action.index(), action.id(), action.version())
                : EsResponses.created(action.index(), action.id(), action.version());
    }

    String url() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /** A client for this server, closed with it. */
    RestClient client() {
        RestClient client = RestClient.builder(HttpHost.create(url())).build();
        clients.add(client);
        return client;
    }

    List<Received> requests() {
        return List.copyOf(requests);
    }

    /** The number of actions of each request, in arrival order. */
    List<Integer> batchSizes() {
        return requests.stream().map(r -> r.actions().size()).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Received received = new Received(count.incrementAndGet(), exchange.getRequestMethod(),
                    exchange.getRequestURI().toString(), exchange.getRequestHeaders().getFirst("Content-Type"), body,
                    parse(body));
            requests.add(received);
            Answer answer;
            try {
                answer = responder.answer(received);
            } catch (Exception e) {
                answer = new Answer(500, EsResponses.requestError(500, "test_responder_exception", e.toString()));
            }
            if (answer.status() < 0) {
                return; // closing the exchange unanswered drops the connection
            }
            byte[] out = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream stream = exchange.getResponseBody()) {
                    stream.write(out);
                }
            }
        }
    }

    /** Parses an NDJSON bulk body; a line that is not JSON fails the request (and so the test). */
    static List<Action> parse(byte[] body) throws IOException {
        List<Action> actions = new ArrayList<>();
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return actions;
        }
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length && !lines[i].isEmpty()) {
            JsonNode actionLine = JSON.readTree(lines[i++]);
            String type = actionLine.fieldNames().next();
            JsonNode meta = actionLine.path(type);
            JsonNode source = null;
            if (!type.equals("delete")) {
                source = JSON.readTree(lines[i++]);
            }
            actions.add(new Action(type, meta.path("_index").asText(null), meta.path("_id").asText(null),
                    meta.path("version").asLong(-1), meta.path("version_type").asText(null), meta, source));
        }
        return actions;
    }

    @Override
    public void close() throws IOException {
        for (RestClient client : clients) {
            client.close();
        }
        server.stop(0);
        threads.shutdownNow();
    }
}
