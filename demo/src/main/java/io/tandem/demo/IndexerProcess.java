package io.tandem.demo;

import io.tandem.main.TandemCommand;
import io.tandem.localstack.junit.ChildJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The consumer as users run it: {@code tandem run} in its own JVM, behind local-stack's launcher so it cannot
 * outlive the demo, stopped with SIGTERM (it finishes in-flight writes and commits).
 */
final class IndexerProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path log;
    private final int statusPort;

    private IndexerProcess(Process process, Path log, int statusPort) {
        this.process = process;
        this.log = log;
        this.statusPort = statusPort;
    }

    static IndexerProcess start(List<String> runArgs, Path log) throws IOException {
        int port = MetricsRecorder.freePort();
        List<String> args = new ArrayList<>(List.of("run", "--status-port", Integer.toString(port)));
        args.addAll(runArgs);
        Process process = ChildJvm.start(TandemCommand.class.getName(), List.of("-Xmx384m"), args, log);
        return new IndexerProcess(process, log, port);
    }

    long pid() {
        return process.pid();
    }

    String metricsUrl() {
        return "http://127.0.0.1:" + statusPort + "/metrics";
    }

    /** Waits until the consumer polls its partitions (/ready), or fails with the end of its log. */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the indexer exited with " + process.exitValue() + ":\n" + logTail());
            }
            if (status("/ready") == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the indexer was not ready within " + timeout.toSeconds() + " s:\n" + logTail());
    }

    String metrics() {
        return MetricsRecorder.scrape(URI.create(metricsUrl()));
    }

    private int status(String path) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statusPort + path))
                    .timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1; // not listening yet
        }
    }

    /** SIGTERM and the exit status of the graceful stop. */
    int stop() throws InterruptedException {
        // SIGTERM alone: Process.destroy() would also close stdin, which the launcher reads as "parent gone"
        process.toHandle().destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the indexer did not stop within 90 s of SIGTERM:\n" + logTail());
        }
        return process.exitValue();
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
