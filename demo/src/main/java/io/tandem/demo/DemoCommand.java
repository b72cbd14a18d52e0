package io.tandem.demo;

import io.tandem.cli.CommandLines;
import io.tandem.localstack.Engine;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tandem-demo}: the README's first command. */
@Command(name = "tandem-demo", version = "Tandem demo 0.1.0",
        description = "Starts the local engines and performs a complete live migration end to end: seeds an old "
                + "Elasticsearch 7.10 index, runs the application's live traffic throughout, then schema sync, consumer, "
                + "backfill, lag 0, verify, cutover, and proves new == old doc for doc. Stops every process it started.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--documents", defaultValue = "200000", description = "Messages seeded into the old index (default: ${DEFAULT-VALUE}).")
    int documents;

    @Option(names = "--live-rate", defaultValue = "500", paramLabel = "COMMANDS_PER_S",
            description = "Live commands per second while the traffic is on (default: ${DEFAULT-VALUE}).")
    int commandsPerSecond;

    @Option(names = "--target", defaultValue = "opensearch-2", paramLabel = "ENGINE", converter = EngineConverter.class,
            description = "The new cluster: opensearch-2 (default), opensearch-3, elasticsearch-8, elasticsearch-9, or elasticsearch-7 "
                    + "for a v1 -> v2 migration inside the old cluster.")
    Engine target;

    @Option(names = "--work-dir", defaultValue = "target/tandem-demo", paramLabel = "DIR",
            description = "Where logs, dead letters and the report go (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--report", paramLabel = "FILE", description = "The Markdown report (default: <work-dir>/report.md).")
    Path reportFile;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed of the data and the traffic (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "Use this running Kafka instead of starting one "
            + "(with --old-url and --new-url).")
    String kafka;

    @Option(names = "--old-url", paramLabel = "URL", description = "Use this running old cluster (Elasticsearch 7.10).")
    String oldUrl;

    @Option(names = "--new-url", paramLabel = "URL", description = "Use this running new cluster.")
    String newUrl;

    private final PrintStream out;

    DemoCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.getenv(), System.out, new PrintWriter(System.err, true)));
    }

    static int execute(String[] args, Map<String, String> environment, PrintStream out, PrintWriter err) {
        return CommandLines.execute("tandem-demo", new DemoCommand(out), args, environment, new PrintWriter(out, true), err);
    }

    @Override
    public Integer call() throws Exception {
        if ((kafka == null) != (oldUrl == null) || (kafka == null) != (newUrl == null)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--kafka, --old-url and --new-url go together: all three, or none to start the engines");
        }
        Optional<DemoSettings.Endpoints> running = kafka == null ? Optional.empty()
                : Optional.of(new DemoSettings.Endpoints(kafka, oldUrl, newUrl));
        DemoSettings settings = new DemoSettings(documents, commandsPerSecond, target, workDir,
                reportFile == null ? workDir.resolve("report.md") : reportFile, seed, running);
        MigrationReport report = new LiveMigration(settings, out).run();
        Files.createDirectories(settings.reportFile().toAbsolutePath().getParent());
        Files.writeString(settings.reportFile(), report.markdown(), StandardCharsets.UTF_8);
        out.printf("%s in %s; report: %s%n", report.passed() ? "MIGRATION PASSED" : "MIGRATION FAILED",
                PhaseLog.seconds(report.total()), settings.reportFile());
        return report.passed() ? 0 : 1;
    }

    /** Engine ids as users type them (opensearch-2), not enum names. */
    static final class EngineConverter implements picocli.CommandLine.ITypeConverter<Engine> {
        @Override
        public Engine convert(String value) {
            return Engine.fromId(value);
        }
    }
}
