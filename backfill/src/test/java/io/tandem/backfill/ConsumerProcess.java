package io.tandem.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.app.IndexerCommand;
import io.tandem.localstack.junit.ChildJvm;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The migration's consumer ({@code tandem run}) as its own JVM, as users run it. */
final class ConsumerProcess {

    private ConsumerProcess() {
    }

    /** Starts {@code run} with {@code args} and a free status port; returns once its /ready answers 200. */
    static Process startReady(List<String> args, Path log) throws Exception {
        return startReady(args, log, freePort());
    }

    /** A port nothing listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** What the consumer's status server at {@code port} serves at {@code path}, e.g. /metrics. */
    static String served(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** As {@link #startReady(List, Path)}, its status server on {@code port}. */
    static Process startReady(List<String> args, Path log, int port) throws Exception {
        List<String> withPort = new ArrayList<>(args);
        withPort.addAll(List.of("--status-port", Integer.toString(port)));
        Process consumer = ChildJvm.start(IndexerCommand.class.getName(), List.of("-Xmx256m"), withPort, log);
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(consumer.isAlive()).as("the consumer runs (see %s)", log).isTrue();
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/ready")).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return consumer;
                }
            } catch (IOException notYet) {
                // the status server starts after the startup checks
            }
            Thread.sleep(200);
        }
        consumer.destroyForcibly();
        throw new AssertionError("the consumer never became ready (see " + log + ")");
    }

    /** Stops it as Kubernetes does: SIGTERM, then SIGKILL after a minute. */
    static void stop(Process consumer) throws InterruptedException {
        consumer.toHandle().destroy();
        consumer.waitFor(60, TimeUnit.SECONDS);
        consumer.destroyForcibly();
    }
}
