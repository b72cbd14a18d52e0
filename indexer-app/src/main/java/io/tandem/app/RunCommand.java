package io.tandem.app;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tandem.cli.BulkOptions;
import io.tandem.cli.TargetOptions;
import io.tandem.cli.TransformOptions;
import io.tandem.cli.EffectiveSettings;
import io.tandem.app.config.KafkaOptions;
import io.tandem.cli.StatusServer;
import io.tandem.app.source.CommandReplayer;
import io.tandem.app.source.DeadLetterPublisher;
import io.tandem.app.source.OffsetTracker;
import io.tandem.app.source.RecordPipeline;
import io.tandem.core.cluster.ClusterClients;
import io.tandem.core.cluster.ClusterSettings;
import io.tandem.core.sink.BulkSettings;
import io.tandem.core.command.CommandParser;
import io.tandem.core.sink.VersionedBulkWriter;
import io.tandem.core.transform.DocumentTransform;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The indexer: replays the command topic into the target index, from the earliest offset, and keeps running. */
@Command(name = "run",
        description = "Replay the command topic into the target index and keep indexing: checks the index against "
                + "its contract, records the migration state, then consumes until SIGTERM (finishes in-flight "
                + "writes, commits, exits 0).")
public final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    @Spec
    CommandSpec spec;
    @Mixin
    TargetOptions cluster;
    @Mixin
    KafkaOptions kafka;
    @Mixin
    ReplayOptions replay;
    @Mixin
    IndexOptions index;
    @Mixin
    TransformOptions transformOptions;
    @Mixin
    BulkOptions bulk;

    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile CommandReplayer active;
    private volatile boolean mainDone;

    @Option(names = "--status-port", defaultValue = "9464",
            description = "Port of /metrics, /health and /ready; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int statusPort;

    @Override
    public Integer call() throws Exception {
        // every setting is checked before anything connects: a bad one fails fast, naming its flag
        ClusterSettings clusterSettings = cluster.toSettings();
        BulkSettings bulkSettings = bulk.toSettings();
        String deadLetterTopic = replay.deadLetterTopic();
        DocumentTransform transform = transformOptions.load();
        CommandParser parser = new CommandParser(replay.format(), replay.versionSource, transform.paths());
        Properties connection = kafka.connectionProperties();
        LOG.info("starting with {}", EffectiveSettings.describe(spec));
        Thread hook = new Thread(this::stopOnSignal, "tandem-indexer-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return replay(clusterSettings, bulkSettings, parser, deadLetterTopic, transform, connection);
        } finally {
            mainDone = true;
            finished.countDown();
        }
    }

    private int replay(ClusterSettings clusterSettings, BulkSettings bulkSettings, CommandParser parser,
                       String deadLetterTopic, DocumentTransform transform, Properties connection) throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        try (RestClient client = ClusterClients.create(clusterSettings)) {
            new MigrationStart(client, connection, replay, index, transformOptions.record()).prepare();
            try (VersionedBulkWriter writer = new VersionedBulkWriter(client, bulkSettings, registry, "tandem.sink");
                 DeadLetterPublisher deadLetters = DeadLetterPublisher.create(deadLetterProducerConfig(connection),
                         deadLetterTopic);
                 KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(connection),
                         new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                OffsetTracker offsets = new OffsetTracker();
                RecordPipeline pipeline = new RecordPipeline(parser, transform, writer, deadLetters, offsets,
                        index.index, registry);
                CommandReplayer replayer = new CommandReplayer(consumer, pipeline, offsets, replay.topic,
                        replay.maxPending, replay.commitInterval, registry);
                try (StatusServer status = new StatusServer(statusPort, registry,
                        replayer::isHealthy, replayer::isPolling)) {
                    LOG.info("replaying {} into {} as group {}; status on port {}", replay.topic, index.index,
                            replay.group, status.port());
                    active = replayer;
                    replayer.run();
                    if (replayer.failure() != null) {
                        throw new IllegalStateException("the consumer failed: " + replayer.failure().getMessage(), replayer.failure());
                    }
                    LOG.info("stopped cleanly");
                    return 0;
                }
            }
        }
    }

    /**
     * SIGTERM (or Ctrl-C): the loop finishes what is in flight, commits and ends, and the process exits 0 — not the
     * usual 143. Before the loop runs nothing is in flight, so it exits 0 at once. When the JVM exits because this
     * command returned, the hook leaves the exit status alone.
     */
    private void stopOnSignal() {
        if (mainDone) {
            return;
        }
        CommandReplayer replayer = active;
        if (replayer == null) {
            LOG.info("stopped before replaying anything");
            Runtime.getRuntime().halt(0);
        }
        LOG.info("stopping: finishing in-flight writes and committing");
        replayer.stop();
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(replayer.failure() == null ? 0 : 1);
    }

    private Properties consumerProperties(Properties connection) {
        Properties properties = new Properties();
        properties.putAll(connection);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, replay.group);
        // a new group replays the topic from its beginning
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // only offsets whose records were applied or dead-lettered are committed, by us
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(replay.maxPollRecords));
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "tandem-indexer-" + replay.group);
        return properties;
    }

    private static Map<String, Object> deadLetterProducerConfig(Properties connection) {
        Map<String, Object> config = new HashMap<>();
        connection.forEach((key, value) -> config.put(key.toString(), value));
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "tandem-indexer-dead-letters");
        return config;
    }
}
