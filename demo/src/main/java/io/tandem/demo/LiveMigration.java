package io.tandem.demo;

import io.tandem.app.operate.ConsumerLag;
import io.tandem.core.transform.Transforms;
import io.tandem.localstack.Engine;
import io.tandem.localstack.LocalStack;
import io.tandem.localstack.RunningEngine;
import io.tandem.main.TandemCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A complete live migration on the local engines, phase by phase, with the application's traffic running throughout:
 * the same commands an operator runs from the runbook (docs/runbook.md), in the same order.
 */
final class LiveMigration {

    private static final int PHASES = 13;
    private static final Duration LAG_TIMEOUT = Duration.ofMinutes(5);

    private final DemoSettings settings;
    private final PrintStream out;
    private final PhaseLog log;

    LiveMigration(DemoSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
        this.log = new PhaseLog(out, PHASES);
    }

    MigrationReport run() throws Exception {
        Files.createDirectories(settings.workDir());
        try (LocalStack stack = LocalStack.fromSystemProperties()) {
            DemoSettings.Endpoints endpoints = engines(stack);
            return migrate(endpoints);
        }
    }

    private DemoSettings.Endpoints engines(LocalStack stack) throws Exception {
        PhaseLog.Step step = log.begin("Start the engines");
        if (settings.running().isPresent()) {
            step.done("using running engines " + settings.running().get());
            return settings.running().get();
        }
        List<Engine> wanted = new ArrayList<>(List.of(Engine.KAFKA, Engine.ELASTICSEARCH_7));
        if (!settings.sameCluster()) {
            wanted.add(settings.target());
        }
        Map<Engine, RunningEngine> running = stack.start(wanted);
        String oldUrl = running.get(Engine.ELASTICSEARCH_7).endpoint().address();
        String newUrl = running.get(settings.target()).endpoint().address();
        StringBuilder described = new StringBuilder();
        running.forEach((engine, r) -> described.append(String.format(Locale.ROOT, "%n        %-22s %s (pid %s)",
                engine.displayName(), r.endpoint().address(), r.endpoint().pid().isPresent() ? r.endpoint().pid().getAsLong() : "-")));
        step.done("Kafka, the old Elasticsearch 7.10 and the new " + settings.target().displayName() + described);
        return new DemoSettings.Endpoints(running.get(Engine.KAFKA).endpoint().address(), oldUrl, newUrl);
    }

    private MigrationReport migrate(DemoSettings.Endpoints clusters) throws Exception {
        MigrationReport.Builder report = new MigrationReport.Builder(settings, clusters);
        OldMessages old = new OldMessages(clusters.oldUrl(), DemoSettings.OLD_INDEX);
        Path contract = writeContract();
        List<String> both = List.of("--source-url", clusters.oldUrl(), "--target-url", clusters.newUrl());
        List<String> transform = List.of("--transform", DemoSettings.TRANSFORM, "--transform-option", DemoSettings.TRANSFORM_OPTION);
        List<String> kafka = List.of("--kafka-bootstrap", clusters.kafka(), "--topic", DemoSettings.TOPIC, "--group", DemoSettings.GROUP);

        PhaseLog.Step seed = log.begin("Seed the old cluster: " + DemoSettings.OLD_INDEX + " with tags under a dynamic template");
        old.create(DemoSettings.ALIAS);
        old.seed(settings.documents(), settings.seed());
        int fields = old.mappedFields();
        report.oldMappedFields(fields);
        seed.done(String.format(Locale.ROOT, "%,d messages, %,d mapped fields (one per tag key ever seen), alias '%s'",
                old.count(), fields, DemoSettings.ALIAS));

        PhaseLog.Step traffic = log.begin("Start the application's live traffic (the old indexer)");
        createTopic(clusters.kafka());
        try (LiveTraffic live = new LiveTraffic(clusters.kafka(), DemoSettings.TOPIC, old, settings.documents(),
                settings.commandsPerSecond(), settings.seed() + 1)) {
            live.start();
            traffic.done(String.format(Locale.ROOT, "~%d commands/s, non-stop, to %s and %s; the topic holds only what "
                    + "happened since now, never the seeded history", settings.commandsPerSecond(), DemoSettings.TOPIC, DemoSettings.OLD_INDEX));

            PhaseLog.Step schema = log.begin("Schema sync to the new cluster: " + DemoSettings.NEW_INDEX + " from the contract file");
            String applied = tandem(concat(List.of("schema", "apply"), both, List.of("--include", DemoSettings.OLD_INDEX,
                    "--rename", DemoSettings.OLD_INDEX + "=" + DemoSettings.NEW_INDEX,
                    "--definition", DemoSettings.NEW_INDEX + "=" + contract, "--replicas", "0", "--no-aliases")));
            schema.done(lastLine(applied));

            PhaseLog.Step consumerStep = log.begin("Start the consumer: a new group replays " + DemoSettings.TOPIC + " into " + DemoSettings.NEW_INDEX);
            try (IndexerProcess consumer = IndexerProcess.start(concat(kafka, List.of("--commit-interval", "PT0.2S",
                            "--target-url", clusters.newUrl(), "--target-index", DemoSettings.NEW_INDEX, "--mapping-file", contract.toString()),
                            transform), settings.workDir().resolve("indexer.log"));
                 ConsumerLag lag = new ConsumerLag(kafkaConnection(clusters.kafka()))) {
                consumer.awaitReady(Duration.ofMinutes(2));
                consumerStep.done("pid " + consumer.pid() + ", metrics on " + consumer.metricsUrl() + ", log "
                        + settings.workDir().resolve("indexer.log"));

                backfill(clusters, report);

                // the traffic never pauses: the lag never stays 0, caught up means within a second of traffic
                PhaseLog.Step caughtUp = log.begin("Wait for the consumer to catch up: lag within 1 s of traffic");
                Duration waited = awaitLagAtMost(lag, settings.commandsPerSecond());
                caughtUp.done("lag <= " + settings.commandsPerSecond() + " after " + PhaseLog.seconds(waited) + " ("
                        + live.counts().total() + " live commands so far)");

                PhaseLog.Step verify = log.begin("Verify: transform(old) == new for every document, while both keep changing");
                String verified = tandem(concat(List.of("verify"), both, transform, List.of("--source-index", DemoSettings.OLD_INDEX,
                        "--target-index", DemoSettings.NEW_INDEX, "--full")));
                report.fact("Verification: " + firstLine(verified));
                verify.done(firstLine(verified));

                PhaseLog.Step cutover = log.begin("Cutover: checks, then one atomic _aliases request");
                String switched = tandem(concat(List.of("cutover"), both, kafka, List.of(
                        "--mode", settings.sameCluster() ? "SAME_CLUSTER" : "CROSS_CLUSTER",
                        "--source-index", DemoSettings.OLD_INDEX, "--target-index", DemoSettings.NEW_INDEX, "--read-alias", DemoSettings.ALIAS,
                        "--mapping-file", contract.toString(),
                        // the application writes the old index itself, no consumer group to compare with: the new
                        // index may trail by the records of the last few seconds, never more
                        "--max-lag-time", "PT5S", "--lag-hold-for", "PT2S", "--lag-timeout", "PT2M")));
                report.fact("Cutover: " + firstLine(switched));
                cutover.done(firstLine(switched));

                PhaseLog.Step stop = log.begin("Stop the live traffic and let the consumer drain");
                LiveTraffic.Counts counts = live.stop();
                report.traffic(counts);
                Duration drained = awaitLagAtMost(lag, 0);
                stop.done(String.format(Locale.ROOT, "%,d creates, %,d updates, %,d deletes sent during the migration; lag 0 after %s",
                        counts.creates(), counts.updates(), counts.deletes(), PhaseLog.seconds(drained)));

                PhaseLog.Step status = log.begin("Status: every phase on one screen");
                String screen = tandem(concat(List.of("status", "--target-url", clusters.newUrl(), "--target-index", DemoSettings.NEW_INDEX,
                        "--read-alias", DemoSettings.ALIAS, "--mapping-file", contract.toString()), kafka));
                status.done(screen.lines().count() + " lines above");

                PhaseLog.Step check = log.begin("Prove the end state: the new cluster's '" + DemoSettings.ALIAS + "' == old, doc for doc");
                EndStateCheck.Result result = EndStateCheck.compare(clusters.oldUrl(), DemoSettings.OLD_INDEX, clusters.newUrl(),
                        DemoSettings.ALIAS, Transforms.load(DemoSettings.TRANSFORM, Map.of("source", "tags")));
                report.endState(result);
                check.done(result.summary());

                Files.writeString(settings.workDir().resolve("indexer-metrics.prom"), consumer.metrics());
                PhaseLog.Step stopConsumer = log.begin("Stop the consumer");
                int exit = consumer.stop();
                stopConsumer.done("SIGTERM: exited " + exit);
            }
        }
        return report.build(log.phases());
    }

    /** Runs one operator command of tandem in this JVM, shows its output indented, fails when it fails. */
    private String tandem(List<String> args) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        StringWriter errors = new StringWriter();
        int exit = TandemCommand.execute(args.toArray(String[]::new), Map.of(), new PrintStream(output, true, StandardCharsets.UTF_8),
                new PrintWriter(errors, true));
        String printed = output.toString(StandardCharsets.UTF_8).stripTrailing();
        printed.lines().forEach(line -> out.println("      | " + line));
        if (exit != 0) {
            throw new IllegalStateException("tandem " + args.get(0) + " failed (exit " + exit + "): " + errors.toString().strip());
        }
        return printed;
    }

    private Duration awaitLagAtMost(ConsumerLag lag, long max) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + LAG_TIMEOUT.toNanos();
        long total;
        while ((total = lag.measure(DemoSettings.GROUP, DemoSettings.TOPIC).total()) > max) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("consumer lag still " + total + " after " + LAG_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(250);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static Properties kafkaConnection(String bootstrap) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return properties;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("").strip();
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().filter(line -> !line.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
    }

    private void backfill(DemoSettings.Endpoints clusters, MigrationReport.Builder report) throws Exception {
        PhaseLog.Step step = log.begin("Backfill " + DemoSettings.OLD_INDEX + " -> " + DemoSettings.NEW_INDEX + " beside the consumer");
        StringWriter errors = new StringWriter();
        int statusPort = MetricsRecorder.freePort();
        MetricsRecorder metrics = new MetricsRecorder(statusPort);
        int exit = TandemCommand.execute(new String[] {"backfill", "--status-port", Integer.toString(statusPort),
                "--source-url", clusters.oldUrl(), "--source-index", DemoSettings.OLD_INDEX,
                "--target-url", clusters.newUrl(), "--target-index", DemoSettings.NEW_INDEX,
                "--transform", DemoSettings.TRANSFORM, "--transform-option", DemoSettings.TRANSFORM_OPTION, "--dead-letter-file", settings.workDir().resolve("backfill-dead-letters.ndjson").toString()},
                Map.of(), out, new PrintWriter(errors, true));
        metrics.writeTo(settings.workDir().resolve("backfill-metrics.prom"));
        if (exit != 0) {
            throw new IllegalStateException("the backfill failed (exit " + exit + "): " + errors.toString().strip());
        }
        step.done("see its report above");
    }

    private Path writeContract() throws IOException {
        Path file = settings.workDir().resolve(DemoSettings.NEW_INDEX + ".json");
        try (InputStream in = TandemCommand.class.getClassLoader().getResourceAsStream("contracts/messages-v2.json")) {
            if (in == null) {
                throw new IllegalStateException("contracts/messages-v2.json is missing from the classpath");
            }
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    private static void createTopic(String bootstrap) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(kafkaConnection(bootstrap))) {
            // a day of retention: the topic never reaches back to the seeded history, which is why there is a backfill
            admin.createTopics(List.of(new NewTopic(DemoSettings.TOPIC, 3, (short) 1)
                    .configs(Map.of("retention.ms", Long.toString(Duration.ofDays(1).toMillis()))))).all().get();
        }
    }
}
