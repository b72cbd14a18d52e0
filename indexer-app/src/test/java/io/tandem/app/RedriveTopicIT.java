package io.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.app.source.DeadLetterHeaders;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.IndexContents;
import io.tandem.localstack.junit.WithEngines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: the indexer's dead-letter topic, re-driven once the cause is fixed, lands in the target; before, its
 * commands fail again into another topic, which can be re-driven in turn.
 */
@WithEngines({Engine.KAFKA, Engine.OPENSEARCH_2})
class RedriveTopicIT {

    private static final Path CONTRACT = Path.of("src/test/resources/messages-v2.json").toAbsolutePath();

    @Test
    void deadLetteredCommandsLandOnceTheMappingIsFixedAndFailAgainIntoAnotherTopicBefore(Engines engines)
            throws Exception {
        String bootstrap = engines.get(Engine.KAFKA).address();
        String url = engines.get(Engine.OPENSEARCH_2).address();
        String dlq = Engines.uniqueName("commands") + ".dlq";
        String index = Engines.uniqueName("redrive");
        createTopics(bootstrap, dlq, dlq + ".again");
        IndexContents.send(url, "PUT", "/" + index, Files.readString(CONTRACT));
        // as the indexer dead-letters them: the original key and value; the strict contract has no field 'extra'
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new StringSerializer())) {
            for (String id : List.of("a", "b", "c")) {
                producer.send(new ProducerRecord<>(dlq, 0, id, "{\"op\":\"upsert\",\"id\":\"" + id + "\",\"version\":3,"
                        + "\"doc\":{\"id\":\"" + id + "\",\"n\":1,\"extra\":\"x\"}}")).get(30, TimeUnit.SECONDS);
            }
        }

        Run unfixed = redrive(url, bootstrap, dlq, index);
        assertThat(unfixed.exit()).as(unfixed.output()).isEqualTo(1);
        assertThat(unfixed.output()).contains("FAILED").contains("3 read, 0 written, 0 stale, 3 failed again")
                .contains("topic " + dlq + ".again");
        List<ConsumerRecord<byte[], byte[]>> again = readAll(bootstrap, dlq + ".again", 3);
        assertThat(again).extracting(r -> new String(r.key())).containsExactly("a", "b", "c");
        assertThat(again).allSatisfy(r -> assertThat(DeadLetterHeaders.lastText(r.headers(), DeadLetterHeaders.REASON))
                .hasValueSatisfying(reason -> assertThat(reason).contains("strict_dynamic_mapping_exception")));
        assertThat(count(url, index)).isZero();

        IndexContents.send(url, "PUT", "/" + index + "/_mapping", "{\"properties\":{\"extra\":{\"type\":\"keyword\"}}}");
        Run fixed = redrive(url, bootstrap, dlq + ".again", index);

        assertThat(fixed.exit()).as(fixed.output()).isZero();
        assertThat(fixed.output()).contains("COMPLETED").contains("3 read, 3 written, 0 stale, 0 failed again");
        assertThat(count(url, index)).isEqualTo(3);
        assertThat(IndexContents.send(url, "GET", "/" + index + "/_doc/b", null).path("_version").asLong())
                .as("written with the command's own version").isEqualTo(3);
    }

    private record Run(int exit, String output) {
    }

    private static Run redrive(String url, String bootstrap, String from, String index) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = IndexerCommand.execute(new String[] {"redrive", "topic", "--target-url", url, "--kafka-bootstrap",
                bootstrap, "--from-topic", from, "--index", index}, Map.of(), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Run(exit, out + err.toString());
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic, int expected) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "auto.offset.reset", "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static long count(String url, String index) {
        IndexContents.send(url, "POST", "/" + index + "/_refresh", null);
        return IndexContents.send(url, "GET", "/" + index + "/_count", null).path("count").asLong();
    }

    private static void createTopics(String bootstrap, String... topics) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(Arrays.stream(topics).map(name -> new NewTopic(name, 1, (short) 1)).toList())
                    .all().get(30, TimeUnit.SECONDS);
        }
    }
}
