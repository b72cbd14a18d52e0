package io.tandem.localstack.process;

import io.tandem.localstack.EngineEndpoint;
import io.tandem.localstack.RunningEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * An engine running as a local process, perhaps behind a proxy process of its own; closing it stops the proxy, then
 * the engine, and deletes the data directory.
 */
final class LocalEngine implements RunningEngine {

    private final EngineEndpoint endpoint;
    private final EngineProcess process;
    private final Optional<EngineProcess> proxy;
    private final Path dataDirectory;

    LocalEngine(EngineEndpoint endpoint, EngineProcess process, Path dataDirectory) {
        this(endpoint, process, Optional.empty(), dataDirectory);
    }

    private LocalEngine(EngineEndpoint endpoint, EngineProcess process, Optional<EngineProcess> proxy, Path dataDirectory) {
        this.endpoint = endpoint;
        this.process = process;
        this.proxy = proxy;
        this.dataDirectory = dataDirectory;
    }

    /** This engine as clients reach it through {@code proxy}, at {@code proxied}'s address. */
    LocalEngine behind(EngineProcess proxyProcess, EngineEndpoint proxied) {
        return new LocalEngine(proxied, process, Optional.of(proxyProcess), dataDirectory);
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
