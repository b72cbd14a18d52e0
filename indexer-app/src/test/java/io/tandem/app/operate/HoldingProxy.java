package io.tandem.app.operate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An HTTP proxy in front of an engine that forwards every request, except that it holds, unanswered and unforwarded,
 * the first request after the armed one has been seen: a process can then be killed at an exact point of its
 * conversation with the cluster (e.g. after its journal entry, before its alias request reached the engine).
 */
final class HoldingProxy implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "expect", "upgrade");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String engine;
    private final Predicate<String> hold;
    private final int skip;
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile String heldRequest;
    private int seen;

    /**
     * @param engine the engine's base URL
     * @param hold   which request to hold, as "METHOD /path?query"
     * @param skip   how many requests after the first match of {@code hold} are forwarded before one is held: 0
     *               holds the matching request itself, 1 the one after it
     */
    HoldingProxy(String engine, Predicate<String> hold, int skip) throws IOException {
        this.engine = engine;
        this.hold = hold;
        this.skip = skip;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Waits until a request is held, and returns it as "METHOD /path". */
    String awaitHeld(Duration timeout) throws InterruptedException {
        if (!held.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("no request was held within " + timeout);
        }
        return heldRequest;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String request = exchange.getRequestMethod() + " " + exchange.getRequestURI();
        if (shouldHold(request)) {
            heldRequest = request;
            held.countDown();
            try {
                release.await(); // never answered: the client is killed meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(engine + exchange.getRequestURI()))
                .timeout(Duration.ofMinutes(1))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> forward.header(name, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
            return;
        }
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        boolean noBody = exchange.getRequestMethod().equals("HEAD") || response.body().length == 0;
        exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : response.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
        exchange.close();
    }

    /** Whether this request is the one to hold: counts the requests from the first match of the predicate on. */
    private synchronized boolean shouldHold(String request) {
        if (held.getCount() == 0) {
            return false;
        }
        if (seen == 0 && !hold.test(request)) {
            return false;
        }
        seen++;
        return seen == skip + 1;
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
