package io.tandem.localstack.cli;

import io.tandem.localstack.Engine;
import io.tandem.localstack.EngineEndpoint;
import io.tandem.localstack.EngineProvider;
import io.tandem.localstack.EngineUnavailableException;
import io.tandem.localstack.LocalStack;
import io.tandem.localstack.RunningEngine;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** Starts real engines on this machine and prints where each one listens. */
@Command(name = "local-stack", mixinStandardHelpOptions = true, version = "Tandem local stack 0.1.0",
        description = "Starts real Kafka, Elasticsearch and OpenSearch servers as local processes on 127.0.0.1 "
                + "(free ports, data in a temp directory) and prints where each one listens. "
                + "They stop on Ctrl-C, and also when this process is killed.")
public final class LocalStackCommand implements Callable<Integer> {

    /** The embedded default: the old cluster, the new cluster and the command topic's broker. */
    static final List<Engine> DEFAULT_ENGINES = List.of(Engine.KAFKA, Engine.ELASTICSEARCH_7, Engine.OPENSEARCH_2);

    @Option(names = "--engines", split = ",", paramLabel = "ID",
            description = "Engines to start (default: kafka,elasticsearch-7,opensearch-2). "
                    + "Valid: kafka, elasticsearch-7, elasticsearch-6, opensearch-2, opensearch-3, elasticsearch-8, "
                    + "elasticsearch-9, kafka-sasl-ssl, elasticsearch-7-secured, opensearch-2-secured, elasticsearch-8-secured.",
            converter = EngineConverter.class)
    List<Engine> engines = DEFAULT_ENGINES;

    @Option(names = "--hold-seconds", paramLabel = "N",
            description = "Stop the engines after N seconds; 0 stops them right after printing. Default: until Ctrl-C.")
    long holdSeconds = -1;

    private final PrintStream out;

    LocalStackCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        // set before any logger exists; a user's own -Dlogback.configurationFile wins
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "local-stack-logback.xml");
        }
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new LocalStackCommand(out));
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        // no stack trace: the message names what went wrong (and, for an engine that died, ends with its log)
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println("local-stack: " + (e.getMessage() == null ? e : e.getMessage()));
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws EngineUnavailableException, InterruptedException {
        EngineProvider.Kind kind = EngineProvider.selectedKind();
        out.printf("Tandem local stack: starting %s (%s provider)...%n",
                String.join(", ", engines.stream().map(Engine::displayName).toList()), kind.name().toLowerCase(Locale.ROOT));
        try (LocalStack stack = new LocalStack(EngineProvider.create(kind))) {
            Map<Engine, RunningEngine> running = stack.start(engines);
            int width = running.keySet().stream().mapToInt(engine -> engine.displayName().length()).max().orElse(0);
            String row = "%-" + width + "s %-9s %-24s %-8s %s%n";
            out.printf("%n" + row, "ENGINE", "VERSION", "LISTENS ON", "PID", "READY IN");
            running.values().forEach(engine -> {
                EngineEndpoint e = engine.endpoint();
                out.printf(row, e.engine().displayName(), e.version(), e.address(),
                        e.pid().isPresent() ? Long.toString(e.pid().getAsLong()) : "-",
                        String.format(Locale.ROOT, "%.1f s", e.startDuration().toMillis() / 1000.0));
            });
            Path credentials = writeCredentials(running.values());
            try {
                hold();
            } finally {
                deleteQuietly(credentials);
            }
            out.println("Stopping... peak resident memory while up:");
            running.values().forEach(engine -> out.printf("  %-" + width + "s %s%n", engine.endpoint().engine().displayName(),
                    engine.peakRssBytes().isPresent() ? (engine.peakRssBytes().getAsLong() >> 20) + " MiB" : "unknown"));
        }
        out.println("All engines stopped.");
        return 0;
    }

    /**
     * A secured engine's users are made at start: what a client needs to be let in goes to a file only its owner
     * reads (never to the terminal), one {@code <id>.properties} per secured engine, deleted when they stop.
     *
     * @return the directory of the files, or {@code null} when no engine is secured
     */
    private Path writeCredentials(Collection<RunningEngine> running) {
        List<EngineEndpoint> secured = running.stream().map(RunningEngine::endpoint)
                .filter(endpoint -> !endpoint.clientProperties().isEmpty()).toList();
        if (secured.isEmpty()) {
            return null;
        }
        try {
            Path dir = Files.createTempDirectory("tandem-local-stack-credentials-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            out.println();
            for (EngineEndpoint endpoint : secured) {
                Properties properties = new Properties();
                properties.putAll(endpoint.clientProperties());
                Path file = dir.resolve(endpoint.engine().id() + ".properties");
                try (Writer writer = Files.newBufferedWriter(file)) {
                    properties.store(writer, endpoint.engine().displayName() + " at " + endpoint.address());
                }
                out.printf("%s lets in the client whose settings are in %s (%s)%n", endpoint.engine().id(), file,
                        String.join(", ", new TreeSet<>(endpoint.clientProperties().keySet())));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the secured engines' credentials", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // the directory is private to this user; leaving it costs nothing but disk
        }
        dir.toFile().delete();
    }

    private void hold() throws InterruptedException {
        if (holdSeconds == 0) {
            return;
        }
        CountDownLatch never = new CountDownLatch(1);
        if (holdSeconds < 0) {
            out.println("\nPress Ctrl-C to stop them.");
            never.await();
        } else {
            out.printf("%nStopping them in %d s (Ctrl-C stops them now).%n", holdSeconds);
            never.await(holdSeconds, TimeUnit.SECONDS);
        }
    }

    /** Turns {@code elasticsearch-7} into {@link Engine#ELASTICSEARCH_7}, with the valid ids in the error. */
    static final class EngineConverter implements CommandLine.ITypeConverter<Engine> {
        @Override
        public Engine convert(String value) {
            return Engine.fromId(value);
        }
    }
}
