package io.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.app.source.DeadLetterHeaders;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.IndexContents;
import io.tandem.localstack.junit.WithEngines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue L: a command larger than Kafka's default 1 MB (a topic allowed 4 MB, as an application with large documents
 * has) is applied like any other; where the target refuses it as too large (a cluster whose
 * {@code http.max_content_length} is 1 MB: local-stack's {@code opensearch-2-constrained}), it is dead-lettered with
 * the reason, provided the dead-letter producer may send a record that large ({@code max.request.size}; when it may
 * not, the indexer stops naming the record: NothingLostSilentlyIT), and the commands after it are applied.
 */
@WithEngines({Engine.KAFKA, Engine.OPENSEARCH_2, Engine.OPENSEARCH_2_CONSTRAINED})
class LargeCommandsIT {

    private static final Path CONTRACT = Path.of("src/test/resources/messages-v2.json").toAbsolutePath();
    private static final String FOUR_MB = Integer.toString(4 * 1024 * 1024);
    /** 1.5 MB of words: above Kafka's default 1 MB record and the constrained target's 1 MB request. */
    private static final String LARGE_MESSAGE = "word ".repeat(300_000);

    @TempDir
    Path dir;

    @Test
    void aCommandLargerThanKafkasDefaultMegabyteIsApplied(Engines engines) throws Exception {
        String bootstrap = engines.get(Engine.KAFKA).address();
        String url = engines.get(Engine.OPENSEARCH_2).address();
        String topic = Engines.uniqueName("large");
        String index = Engines.uniqueName("large");
        createTopics(bootstrap, topic);
        produceSmallLargeSmall(bootstrap, topic);

        try (ConsumerProcess indexer = ConsumerProcess.start(List.of("--target-url", url, "--kafka-bootstrap", bootstrap,
                "--topic", topic, "--group", Engines.uniqueName("g"), "--index", index, "--mapping-file",
                CONTRACT.toString(), "--create-index", "--state-index", Engines.uniqueName("state"), "--status-port", "0"),
                dir.resolve("indexer.log"))) {
            awaitCount(url, index, 3, indexer);
            JsonNode large = IndexContents.send(url, "GET", "/" + index + "/_doc/large", null);
            assertThat(large.path("_source").path("message").asText()).isEqualTo(LARGE_MESSAGE);
            assertThat(large.path("_version").asLong()).isEqualTo(2);
        }
    }

    @Test
    void aCommandTheTargetRefusesAsTooLargeIsDeadLetteredWithTheReasonAndTheNextOnesAreApplied(Engines engines)
            throws Exception {
        String bootstrap = engines.get(Engine.KAFKA).address();
        String url = engines.get(Engine.OPENSEARCH_2_CONSTRAINED).address();
        String topic = Engines.uniqueName("large");
        String deadLetterTopic = topic + ".dlq";
        String index = Engines.uniqueName("large");
        createTopics(bootstrap, topic, deadLetterTopic);
        produceSmallLargeSmall(bootstrap, topic);

        try (ConsumerProcess indexer = ConsumerProcess.start(List.of("--target-url", url, "--kafka-bootstrap", bootstrap,
                "--topic", topic, "--group", Engines.uniqueName("g"), "--index", index, "--mapping-file",
                CONTRACT.toString(), "--create-index", "--state-index", Engines.uniqueName("state"), "--status-port", "0",
                // the dead letter carries the whole 1.5 MB command
                "--kafka-property", "max.request.size=" + FOUR_MB), dir.resolve("indexer.log"))) {
            ConsumerRecord<String, String> letter = readOne(bootstrap, deadLetterTopic, indexer);
            assertThat(letter.key()).isEqualTo("large");
            assertThat(letter.value()).contains(LARGE_MESSAGE);
            assertThat(new String(letter.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8))
                    .isEqualTo("http_413: the request is larger than the cluster accepts (http.max_content_length)");
            awaitCount(url, index, 2, indexer);
            assertThat(IndexContents.send(url, "GET", "/" + index + "/_doc/after", null).path("found").asBoolean())
                    .as("the command after the large one").isTrue();
            assertThat(indexer.isAlive()).as("the indexer goes on; log:\n%s", indexer.logTail()).isTrue();
        }
    }

    /** "before" (small), "large" (1.5 MB, its second version), "after" (small), in one partition, in that order. */
    private static void produceSmallLargeSmall(String bootstrap, String topic) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "max.request.size", FOUR_MB), new StringSerializer(), new StringSerializer())) {
            for (String[] command : List.of(new String[] {"before", "1", "a small one"},
                    new String[] {"large", "2", LARGE_MESSAGE}, new String[] {"after", "1", "another small one"})) {
                String value = "{\"op\":\"upsert\",\"id\":\"" + command[0] + "\",\"version\":" + command[1]
                        + ",\"doc\":{\"id\":\"" + command[0] + "\",\"message\":\"" + command[2] + "\"}}";
                producer.send(new ProducerRecord<>(topic, 0, command[0], value)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void createTopics(String bootstrap, String... topics) throws Exception {
        List<NewTopic> newTopics = new ArrayList<>();
        for (String topic : topics) {
            newTopics.add(new NewTopic(topic, 1, (short) 1).configs(Map.of("max.message.bytes", FOUR_MB)));
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(newTopics).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static void awaitCount(String url, String index, long expected, ConsumerProcess indexer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long count = -1;
        while (System.nanoTime() < deadline) {
            assertThat(indexer.isAlive()).as("the indexer ended; log:\n%s", indexer.logTail()).isTrue();
            try {
                IndexContents.send(url, "POST", "/" + index + "/_refresh", null);
                count = IndexContents.send(url, "GET", "/" + index + "/_count", null).path("count").asLong();
            } catch (IllegalStateException notYetCreated) {
                count = -1;
            }
            if (count == expected) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(index + " holds " + count + " documents, not " + expected + "; log:\n" + indexer.logTail());
    }

    private static ConsumerRecord<String, String> readOne(String bootstrap, String topic, ConsumerProcess indexer) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "group.id", Engines.uniqueName("dlq-reader"), "auto.offset.reset", "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    return record;
                }
            }
        }
        throw new AssertionError("no dead letter on " + topic + " within 60 s; log:\n" + indexer.logTail());
    }
}
