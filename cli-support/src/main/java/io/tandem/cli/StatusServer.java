package io.tandem.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * {@code /metrics} (Prometheus text format), {@code /health} (liveness: the process should be restarted when it says
 * 503) and {@code /ready} (readiness: the consumer is polling). The JDK's own HTTP server: three plain endpoints need
 * no framework.
 */
public final class StatusServer implements AutoCloseable {

    private final HttpServer server;

    public StatusServer(int port, PrometheusMeterRegistry registry, BooleanSupplier healthy, BooleanSupplier ready) {
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("status-port: cannot listen on port " + port + ": " + e.getMessage(), e);
        }
        server.createContext("/metrics", exchange -> respond(exchange, 200, registry.scrape(), "text/plain; version=0.0.4"));
        server.createContext("/health", exchange -> respondState(exchange, healthy.getAsBoolean()));
        server.createContext("/ready", exchange -> respondState(exchange, ready.getAsBoolean()));
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "status-http");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respondState(HttpExchange exchange, boolean ok) throws IOException {
        respond(exchange, ok ? 200 : 503, ok ? "ok\n" : "not ok\n", "text/plain");
    }

    private static void respond(HttpExchange exchange, int status, String body, String contentType) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
