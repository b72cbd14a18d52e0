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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Real engines as local OS processes on 127.0.0.1, free ports chosen at start, data in a temp directory. Needs only a
 * JDK (a second one, 21+, for OpenSearch 3) and the classpaths Maven resolved at build time.
 */
public final class LocalProcessProvider implements EngineProvider {

    /** Data directories are named after the PID of the JVM that owns them, so a later run can tell leftovers. */
    private static final String DIRECTORY_PREFIX = "tandem-local-stack-";
    private static final Pattern OWNED_DIRECTORY = Pattern.compile(Pattern.quote(DIRECTORY_PREFIX) + "(\\d+)-.*");

    private final LocalProcessSettings settings;
    private final Path baseDirectory;
    private final List<RunningEngine> started = new ArrayList<>();

    public LocalProcessProvider() {
        this(LocalProcessSettings.fromSystemProperties());
    }

    public LocalProcessProvider(LocalProcessSettings settings) {
        this.settings = settings;
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            deleteDirectoriesOfDeadOwners(tmp);
            this.baseDirectory = Files.createTempDirectory(tmp, DIRECTORY_PREFIX + ProcessHandle.current().pid() + "-");
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
        RunningEngine running = engine.protocol() == Engine.Protocol.KAFKA
                ? new KafkaStarter(settings).start(engine, java, dir)
                : engine.behindProxy().isPresent() ? startBehindProxy(engine, java, dir)
                : engine.nodes() > 1 ? new SearchEngineStarter(settings).startTwoNodes(engine, java, dir)
                : new SearchEngineStarter(settings).start(engine, java, dir);
        synchronized (started) {
            started.add(running);
        }
        return running;
    }

    private LocalEngine startBehindProxy(Engine engine, Path java, Path dir) throws EngineUnavailableException {
        Path nginx = TlsProxyStarter.nginx();
        LocalEngine node = new SearchEngineStarter(settings).start(engine.behindProxy().orElseThrow(), java, dir);
        try {
            return new TlsProxyStarter(settings).start(engine, node, nginx, java, dir);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    @Override
    public void close() {
        List<RunningEngine> toStop;
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

    /** A JVM killed with -9 leaves its engines' data behind (the engines themselves exit): remove it. */
    private static void deleteDirectoriesOfDeadOwners(Path tmp) {
        try (Stream<Path> entries = Files.list(tmp)) {
            entries.filter(dir -> {
                Matcher m = OWNED_DIRECTORY.matcher(dir.getFileName().toString());
                return m.matches() && !OsProcesses.isRunning(Long.parseLong(m.group(1)));
            }).forEach(LocalEngine::deleteRecursively);
        } catch (IOException e) {
            // best effort: leftovers cost disk, not correctness
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
