package io.tandem.app.redrive;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.app.config.CommandFormatOptions;
import io.tandem.app.config.KafkaOptions;
import io.tandem.app.source.DeadLetterPublisher;
import io.tandem.app.source.DeadLetterTopicRedrive;
import io.tandem.cli.BulkOptions;
import io.tandem.cli.CommandLines;
import io.tandem.cli.TargetOptions;
import io.tandem.cli.TransformOptions;
import io.tandem.core.cluster.ClusterClients;
import io.tandem.core.command.CommandFormat;
import io.tandem.core.command.CommandParser;
import io.tandem.core.command.VersionSource;
import io.tandem.core.sink.BulkSettings;
import io.tandem.core.sink.VersionedBulkWriter;
import io.tandem.core.transform.DocumentTransform;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.elasticsearch.client.RestClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code redrive topic}: the indexer's dead-letter topic, each command applied again as the indexer applies it. */
@Command(name = "topic",
        description = "Apply the commands of the indexer's dead-letter topic to the target index again, once the "
                + "cause is fixed: every record up to the topic's end at the start is parsed, transformed and written "
                + "with its command's version, as 'run' does, so a newer write or a delete still wins (stale). Reads "
                + "without a consumer group and commits nothing. What fails again is published to --again-topic. "
                + "Prints the counts; exit 0 only when every command was applied or stale. Commands versioned by "
                + "their offset (run --version-source KAFKA_OFFSET) cannot be re-driven.")
public final class RedriveTopicCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    TargetOptions target;
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--from-topic", required = true, paramLabel = "TOPIC",
            description = "The dead-letter topic to re-drive (run's --dead-letter-topic).")
    String from;

    @Option(names = "--again-topic", paramLabel = "TOPIC",
            description = "Where commands that fail again go, with the reason in headers; must differ from "
                    + "--from-topic (default: <from-topic>.again).")
    String again;

    @Option(names = {"--target-index", "--index"}, required = true,
            description = "Target index or write alias; --index is its former name.")
    String index;

    @Mixin
    CommandFormatOptions commandFormat;

    @Mixin
    TransformOptions transformOptions;
    @Mixin
    BulkOptions bulk;

    @Override
    public Integer call() throws Exception {
        String againTopic = again == null ? from + ".again" : again;
        if (againTopic.equals(from)) {
            throw new ParameterException(spec.commandLine(), "--again-topic: must differ from --from-topic " + from
                    + ": the commands that fail again would be re-driven for ever");
        }
        CommandFormat format = commandFormat.format();
        DocumentTransform transform = transformOptions.load();
        BulkSettings bulkSettings = bulk.toSettings();
        Properties connection = kafka.connectionProperties();
        PrintWriter out = spec.commandLine().getOut();
        DeadLetterTopicRedrive.Counts counts;
        try (RestClient client = ClusterClients.create(target.toSettings());
             DeadLetterPublisher deadLetters = DeadLetterPublisher.create(producerConfig(connection), againTopic);
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(connection),
                     new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            try (VersionedBulkWriter writer = new VersionedBulkWriter(client, bulkSettings, new SimpleMeterRegistry(),
                    "tandem.redrive.sink")) {
                counts = new DeadLetterTopicRedrive(consumer, from,
                        new CommandParser(format, VersionSource.COMMAND_FIELD, transform.paths()), transform, writer,
                        deadLetters, index)
                        .run();
            }
        }
        RedriveReport report = new RedriveReport(counts.read(), counts.applied(), counts.stale(),
                counts.deadLettered(), counts.failure());
        out.print(report.render("Re-drive of topic " + from + " into " + index, "topic " + againTopic));
        out.flush();
        return report.succeeded() ? 0 : CommandLines.FAILURE;
    }

    private static Map<String, Object> producerConfig(Properties connection) {
        Map<String, Object> config = new HashMap<>();
        connection.forEach((key, value) -> config.put(String.valueOf(key), value));
        return config;
    }

    /** No group: nothing is committed, and the indexer's group does not rebalance. */
    private static Properties consumerConfig(Properties connection) {
        Properties config = new Properties();
        config.putAll(connection);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return config;
    }
}
