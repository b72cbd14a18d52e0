package io.tandem.localstack.process;

import io.tandem.localstack.EngineEndpoint;
import io.tandem.localstack.RunningEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * An engine running as a local process, perhaps behind a proxy process of its own; closing it stops the proxy, then
 * the engine, and deletes the data directory.
 */
final class LocalEngine implements RunningEngine {

    /** Whether a started engine answers as ready: a value (its version) once it does. */
    @FunctionalInterface
    interface Readiness {
        Optional<String> probe() throws Exception;
    }

    private volatile EngineEndpoint endpoint;
    private volatile EngineProcess process;
    private final Optional<EngineProcess> proxy;
    private final Path dataDirectory;
    private final Readiness readiness;
    private final Duration startTimeout;

    LocalEngine(EngineEndpoint endpoint, EngineProcess process, Path dataDirectory, Readiness readiness,
                Duration startTimeout) {
        this(endpoint, process, Optional.empty(), dataDirectory, readiness, startTimeout);
    }

    private LocalEngine(EngineEndpoint endpoint, EngineProcess process, Optional<EngineProcess> proxy, Path dataDirectory,
                        Readiness readiness, Duration startTimeout) {
        this.endpoint = endpoint;
        this.process = process;
        this.proxy = proxy;
        this.dataDirectory = dataDirectory;
        this.readiness = readiness;
        this.startTimeout = startTimeout;
    }

    /** This engine as clients reach it through {@code proxy}, at {@code proxied}'s address. */
    LocalEngine behind(EngineProcess proxyProcess, EngineEndpoint proxied) {
        return new LocalEngine(proxied, process, Optional.of(proxyProcess), dataDirectory, readiness, startTimeout);
    }

    @Override
    public synchronized void restart(boolean kill, Duration downtime) {
        if (kill) {
            process.kill();
        } else {
            process.close();
        }
        try {
            Thread.sleep(downtime.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + endpoint.engine().id() + " was down", e);
        }
        process = process.startAgain();
        StartupWait.until(process, startTimeout, readiness::probe);
        endpoint = new EngineEndpoint(endpoint.engine(), endpoint.address(), endpoint.peerAddress(), endpoint.version(),
                OptionalLong.of(process.pid()), endpoint.startDuration(), endpoint.clientProperties());
    }

    @Override
    public EngineEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public OptionalLong peakRssBytes() {
        return OsProcesses.peakRssBytes(process.pid());
    }

    Path logFile() {
        return process.logFile();
    }

    @Override
    public void close() {
        proxy.ifPresent(EngineProcess::close);
        process.close();
        deleteRecursively(dataDirectory);
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // leftovers in the temp directory are harmless; the process is what must not leak
        }
    }
}
