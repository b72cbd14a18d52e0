package io.tandem.localstack.process;

import io.tandem.localstack.EngineEndpoint;
import io.tandem.localstack.RunningEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** An engine running as a local process; closing it stops the process and deletes its data directory. */
final class LocalEngine implements RunningEngine {

    private final EngineEndpoint endpoint;
    private final EngineProcess process;
    private final Path dataDirectory;

    LocalEngine(EngineEndpoint endpoint, EngineProcess process, Path dataDirectory) {
        this.endpoint = endpoint;
        this.process = process;
        this.dataDirectory = dataDirectory;
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
