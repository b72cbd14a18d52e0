package io.tandem.demo;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scrapes a process's Prometheus /metrics once a second, as Prometheus would, and keeps the last answer: the backfill's
 * status server ends with the job, so its metrics are only seen while it runs. The snapshot is written next to the
 * report, and the tests check that the Grafana dashboard asks only for metrics that exist.
 */
final class MetricsRecorder implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final URI url;
    private final AtomicReference<String> last = new AtomicReference<>("");
    private final Thread thread;
    private volatile boolean running = true;

    MetricsRecorder(int port) {
        this.url = URI.create("http://127.0.0.1:" + port + "/metrics");
        this.thread = new Thread(this::loop, "tandem-demo-metrics");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** One scrape now; empty when nothing answers. */
    static String scrape(URI url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private void loop() {
        while (running) {
            String body = scrape(url);
            if (!body.isEmpty()) {
                last.set(body);
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops scraping and writes the last scrape to {@code file}. */
    void writeTo(Path file) throws IOException, InterruptedException {
        close();
        Files.writeString(file, last.get(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5000);
    }
}
