package io.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.IndexContents;
import io.tandem.localstack.junit.WithEngines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, "nothing lost silently", with the indexer as users run it: a record that can be neither indexed nor
 * dead-lettered stops the process loudly, and a dead-letter topic that would loop is refused before anything is read.
 */
@WithEngines({Engine.KAFKA, Engine.OPENSEARCH_2})
class NothingLostSilentlyIT {

    private static final Path CONTRACT = Path.of("src/test/resources/messages-v2.json").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void deadLetterTheBrokerRefusesStopsTheIndexerNamingTheRecordAndCommitsNothingPastIt(Engines engines) throws Exception {
        String bootstrap = engines.get(Engine.KAFKA).address();
        String topic = Engines.uniqueName("commands");
        String deadLetterTopic = topic + ".dlq";
        String group = Engines.uniqueName("g");
        String index = Engines.uniqueName("lost");
        createTopics(bootstrap, topic, deadLetterTopic);
        produce(bootstrap, topic, List.of(
                upsert("a", "{\"id\":\"a\",\"n\":1}"),
                // the strict contract has no field 'extra': the target rejects it for good, so it is dead-lettered
                upsert("b", "{\"id\":\"b\",\"n\":2,\"extra\":\"not in the contract\"}"),
                upsert("c", "{\"id\":\"c\",\"n\":3}")));

        Path log = dir.resolve("indexer.log");
        try (ConsumerProcess indexer = ConsumerProcess.start(List.of("--target-url", engines.get(Engine.OPENSEARCH_2).address(),
                "--kafka-bootstrap", bootstrap, "--topic", topic, "--group", group, "--index", index,
                "--mapping-file", CONTRACT.toString(), "--create-index", "--state-index", Engines.uniqueName("state"),
                "--status-port", "0",
                // every dead letter is too large for the producer: the broker never gets it
                "--kafka-property", "max.request.size=100"), log)) {
            OptionalInt exit = indexer.awaitExit(90);

            assertThat(exit).as("the indexer stops by itself; log:\n%s", indexer.logTail()).isPresent();
            assertThat(exit.getAsInt()).as("log:\n%s", indexer.logTail()).isNotZero();
            String lost = "record " + topic + "-0@1 is neither applied nor dead-lettered: its dead letter could not be "
                    + "published to " + deadLetterTopic + ": RecordTooLargeException: ";
            assertThat(Files.readString(log).lines().filter(line -> line.startsWith("tandem: ")))
                    .as("the last word, one line on stderr; log:\n%s", indexer.logTail())
                    .singleElement().asString().startsWith("tandem: the consumer failed: " + lost)
                    .contains("max.request.size");
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            assertThat(committed.values()).as("committed offsets").allSatisfy(offset -> assertThat(offset.offset())
                    .as("never past the record whose dead letter was lost").isLessThanOrEqualTo(1));
        }
    }

    @Test
    void deadLetterTopicEqualToTheTopicIsRefusedBeforeAnythingIsConsumed(Engines engines) throws Exception {
        String bootstrap = engines.get(Engine.KAFKA).address();
        String url = engines.get(Engine.OPENSEARCH_2).address();
        String topic = Engines.uniqueName("commands");
        String group = Engines.uniqueName("g");
        String index = Engines.uniqueName("refused");
        createTopics(bootstrap, topic);
        produce(bootstrap, topic, List.of(upsert("a", "{\"id\":\"a\",\"n\":1}")));
        StringWriter err = new StringWriter();

        int exit = IndexerCommand.execute(new String[] {"run", "--target-url", url, "--kafka-bootstrap", bootstrap,
                "--topic", topic, "--dead-letter-topic", topic, "--group", group, "--index", index, "--mapping-file",
                CONTRACT.toString(), "--create-index", "--state-index", Engines.uniqueName("state"), "--status-port", "0"},
                Map.of(), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));

        assertThat(exit).isNotZero();
        assertThat(err.toString()).isEqualTo("tandem: --dead-letter-topic: must differ from --topic, or dead "
                + "letters would be read back as commands; both were " + topic + System.lineSeparator());
        assertThat(IndexContents.send(url, "GET", "/_cat/indices?format=json", null).findValuesAsText("index"))
                .as("the index was not even created").doesNotContain(index);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            assertThat(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS))
                    .as("nothing consumed, nothing committed").isEmpty();
        }
    }

    private static ProducerRecord<String, String> upsert(String id, String doc) {
        return new ProducerRecord<>("", id, "{\"op\":\"upsert\",\"id\":\"" + id + "\",\"version\":1,\"doc\":" + doc + "}");
    }

    private static void produce(String bootstrap, String topic, List<ProducerRecord<String, String>> records) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new StringSerializer())) {
            for (ProducerRecord<String, String> record : records) {
                producer.send(new ProducerRecord<>(topic, 0, record.key(), record.value())).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void createTopics(String bootstrap, String... topics) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(java.util.Arrays.stream(topics).map(name -> new NewTopic(name, 1, (short) 1)).toList())
                    .all().get(30, TimeUnit.SECONDS);
        }
    }
}
