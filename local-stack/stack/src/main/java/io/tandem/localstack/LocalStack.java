package io.tandem.localstack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A set of running engines from one {@link EngineProvider}: each engine is started at most once, several are started
 * side by side, and all are stopped on {@link #close()} or, failing that, when this JVM exits.
 */
public final class LocalStack implements AutoCloseable {

    private final EngineProvider provider;
    private final Map<Engine, CompletableFuture<RunningEngine>> engines = new ConcurrentHashMap<>();
    private final Thread shutdownHook;

    public LocalStack(EngineProvider provider) {
        this.provider = provider;
        this.shutdownHook = new Thread(provider::close, "tandem-local-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A stack on the provider that {@value EngineProvider#PROPERTY} selects. */
    public static LocalStack fromSystemProperties() {
        return new LocalStack(EngineProvider.create(EngineProvider.selectedKind()));
    }

    /** Starts the engine unless it runs already, and waits until it is ready. */
    public EngineEndpoint endpoint(Engine engine) throws EngineUnavailableException {
        return start(List.of(engine)).get(engine).endpoint();
    }

    /**
     * Starts every engine not yet running, all at once, and waits for all of them.
     *
     * @throws EngineUnavailableException the first engine this machine cannot run (the others still start)
     */
    public Map<Engine, RunningEngine> start(Collection<Engine> wanted) throws EngineUnavailableException {
        List<CompletableFuture<RunningEngine>> futures = new ArrayList<>();
        for (Engine engine : wanted) {
            futures.add(engines.computeIfAbsent(engine, e -> CompletableFuture.supplyAsync(() -> startOne(e), daemonExecutor())));
        }
        Map<Engine, RunningEngine> result = new EnumMap<>(Engine.class);
        EngineUnavailableException unavailable = null;
        RuntimeException failure = null;
        for (CompletableFuture<RunningEngine> future : futures) {
            try {
                RunningEngine running = future.join();
                result.put(running.endpoint().engine(), running);
            } catch (CompletionException e) {
                Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
                if (cause instanceof UnavailableWrapper w && unavailable == null) {
                    unavailable = w.unavailable;
                } else if (!(cause instanceof UnavailableWrapper) && failure == null) {
                    failure = cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        if (unavailable != null) {
            throw unavailable;
        }
        return result;
    }

    /** The engines started so far that are running. */
    public Map<Engine, RunningEngine> running() {
        Map<Engine, RunningEngine> result = new EnumMap<>(Engine.class);
        engines.forEach((engine, future) -> {
            if (future.isDone() && !future.isCompletedExceptionally()) {
                result.put(engine, future.join());
            }
        });
        return result;
    }

    private RunningEngine startOne(Engine engine) {
        try {
            return provider.start(engine);
        } catch (EngineUnavailableException e) {
            throw new UnavailableWrapper(e);
        }
    }

    private static java.util.concurrent.Executor daemonExecutor() {
        return task -> {
            Thread thread = new Thread(task, "tandem-engine-start");
            thread.setDaemon(true);
            thread.start();
        };
    }

    /** Stops every engine and waits until they are gone. */
    @Override
    public void close() {
        provider.close();
        engines.clear();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and the hook is running or ran
        }
    }

    /** Carries the checked exception through the future. */
    private static final class UnavailableWrapper extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient EngineUnavailableException unavailable;

        UnavailableWrapper(EngineUnavailableException unavailable) {
            super(unavailable.getMessage(), unavailable, false, false);
            this.unavailable = unavailable;
        }
    }
}
