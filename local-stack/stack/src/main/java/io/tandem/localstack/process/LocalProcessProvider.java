package io.tandem.localstack.process;

import io.tandem.localstack.Engine;
import io.tandem.localstack.EngineProvider;
import io.tandem.localstack.EngineUnavailableException;
import io.tandem.localstack.RunningEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real engines as local OS processes on 127.0.0.1, free ports chosen at start, data in a temp directory. Needs only a
 * JDK (a second one, 21+, for OpenSearch 3) and the classpaths Maven resolved at build time.
 */
public final class LocalProcessProvider implements EngineProvider {

    private final LocalProcessSettings settings;
    private final Path baseDirectory;
    private final List<LocalEngine> started = new ArrayList<>();

    public LocalProcessProvider() {
        this(LocalProcessSettings.fromSystemProperties());
    }

    public LocalProcessProvider(LocalProcessSettings settings) {
        this.settings = settings;
        try {
            this.baseDirectory = Files.createTempDirectory("tandem-local-stack-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp directory for the engines", e);
        }
    }

    @Override
    public RunningEngine start(Engine engine) throws EngineUnavailableException {
        Path java = JavaRuntimes.find(engine.minimumJava()).orElseThrow(() -> new EngineUnavailableException(
                engine.displayName() + " needs a Java " + engine.minimumJava() + "+ runtime and none was found (looked in "
                        + JavaRuntimes.searchedPlaces() + ")"));
        Path dir;
        try {
            dir = Files.createDirectories(baseDirectory.resolve(engine.id()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalEngine running = engine == Engine.KAFKA
                ? new KafkaStarter(settings).start(java, dir)
                : new SearchEngineStarter(settings).start(engine, java, dir);
        synchronized (started) {
            started.add(running);
        }
        return running;
    }

    @Override
    public void close() {
        List<LocalEngine> toStop;
        synchronized (started) {
            toStop = List.copyOf(started);
            started.clear();
        }
        // stopping takes seconds per engine: do them side by side
        List<Thread> stoppers = toStop.stream().map(engine -> new Thread(engine::close, "tandem-engine-stop")).toList();
        stoppers.forEach(Thread::start);
        stoppers.forEach(LocalProcessProvider::joinQuietly);
        LocalEngine.deleteRecursively(baseDirectory);
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
