package io.tandem.demo;

import io.tandem.app.IndexerCommand;
import io.tandem.backfill.BackfillCommand;
import io.tandem.core.transform.Transforms;
import io.tandem.localstack.Engine;
import io.tandem.localstack.LocalStack;
import io.tandem.localstack.RunningEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
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
 * the same commands an operator runs from the README's runbook, in the same order.
 */
final class LiveMigration {

    private static final int PHASES = 11;
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

        PhaseLog.Step seed = log.begin("Seed the old cluster: " + DemoSettings.OLD_INDEX + " with tags under a dynamic template");
        old.create(DemoSettings.ALIAS);
        old.seed(settings.documents(), settings.seed());
        int fields = old.mappedFields();
        report.oldMappedFields(fields);
        seed.done(String.format(Locale.ROOT, "%,d messages, %,d mapped fields (one per tag key ever seen)", old.count(), fields));

        Path contract = writeContract();
        PhaseLog.Step traffic = log.begin("Start the application's live traffic (the old indexer)");
        createTopic(clusters.kafka());
        try (LiveTraffic live = new LiveTraffic(clusters.kafka(), DemoSettings.TOPIC, old, settings.documents(),
                settings.commandsPerSecond(), settings.seed() + 1)) {
            live.start();
            traffic.done(String.format(Locale.ROOT, "~%d commands/s in waves to %s and %s; the topic holds only what "
                    + "happened since now, never the seeded history", settings.commandsPerSecond(), DemoSettings.TOPIC, DemoSettings.OLD_INDEX));

            PhaseLog.Step consumerStep = log.begin("Start the consumer: a new group replays " + DemoSettings.TOPIC + " into " + DemoSettings.NEW_INDEX);
            try (IndexerProcess consumer = IndexerProcess.start(List.of(
                    "--kafka-bootstrap", clusters.kafka(), "--topic", DemoSettings.TOPIC, "--group", DemoSettings.GROUP,
                    "--commit-interval", "PT0.2S", "--target-url", clusters.newUrl(), "--index", DemoSettings.NEW_INDEX,
                    "--mapping-file", contract.toString(), "--create-index", "--transform", DemoSettings.TRANSFORM, "--transform-option", DemoSettings.TRANSFORM_OPTION),
                    settings.workDir().resolve("indexer.log"));
                 ConsumerLag lag = new ConsumerLag(clusters.kafka())) {
                consumer.awaitReady(Duration.ofMinutes(2));
                consumerStep.done("pid " + consumer.pid() + ", metrics on " + consumer.metricsUrl() + ", log "
                        + settings.workDir().resolve("indexer.log"));

                backfill(clusters, report);

                PhaseLog.Step caughtUp = log.begin("Wait for consumer lag 0");
                Duration waited = lag.awaitZero(DemoSettings.GROUP, DemoSettings.TOPIC, LAG_TIMEOUT);
                caughtUp.done("lag 0 after " + PhaseLog.seconds(waited) + " (" + live.counts().total() + " live commands so far)");

                PhaseLog.Step stop = log.begin("Stop the live traffic and let the consumer drain");
                LiveTraffic.Counts counts = live.stop();
                report.traffic(counts);
                Duration drained = lag.awaitZero(DemoSettings.GROUP, DemoSettings.TOPIC, LAG_TIMEOUT);
                stop.done(String.format(Locale.ROOT, "%,d creates, %,d updates, %,d deletes sent during the migration; lag 0 after %s",
                        counts.creates(), counts.updates(), counts.deletes(), PhaseLog.seconds(drained)));

                PhaseLog.Step check = log.begin("Prove the end state: new == old, doc for doc");
                EndStateCheck.Result result = EndStateCheck.compare(clusters.oldUrl(), DemoSettings.OLD_INDEX, clusters.newUrl(),
                        DemoSettings.NEW_INDEX, Transforms.load(DemoSettings.TRANSFORM, Map.of("source", "tags")));
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

    private void backfill(DemoSettings.Endpoints clusters, MigrationReport.Builder report) throws Exception {
        PhaseLog.Step step = log.begin("Backfill " + DemoSettings.OLD_INDEX + " -> " + DemoSettings.NEW_INDEX + " beside the consumer");
        StringWriter errors = new StringWriter();
        int statusPort = MetricsRecorder.freePort();
        MetricsRecorder metrics = new MetricsRecorder(statusPort);
        int exit = BackfillCommand.execute(new String[] {"--status-port", Integer.toString(statusPort),
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
        try (InputStream in = IndexerCommand.class.getClassLoader().getResourceAsStream("contracts/messages-v2.json")) {
            if (in == null) {
                throw new IllegalStateException("contracts/messages-v2.json is missing from the classpath");
            }
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    private static void createTopic(String bootstrap) throws ExecutionException, InterruptedException {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(properties)) {
            // a day of retention: the topic never reaches back to the seeded history, which is why there is a backfill
            admin.createTopics(List.of(new NewTopic(DemoSettings.TOPIC, 3, (short) 1)
                    .configs(Map.of("retention.ms", Long.toString(Duration.ofDays(1).toMillis()))))).all().get();
        }
    }
}
