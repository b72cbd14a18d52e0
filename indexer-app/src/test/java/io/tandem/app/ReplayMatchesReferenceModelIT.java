package io.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.document.Command;
import io.tandem.core.transform.DocumentTransform;
import io.tandem.core.transform.Transforms;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.IndexContents;
import io.tandem.localstack.junit.WithEngines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue B's acceptance: 100k random commands over 10k ids, replayed by the real indexer process into a real
 * target, leave exactly what a reference model computes — also when the indexer is killed -9 three times mid-run.
 * Malformed and mapping-rejected commands land in the dead-letter topic; everything else is applied.
 */
@WithEngines(value = Engine.KAFKA, optional = {Engine.ELASTICSEARCH_7, Engine.OPENSEARCH_2, Engine.ELASTICSEARCH_9,
        Engine.OPENSEARCH_3, Engine.OPENSEARCH_2_TWO_NODES})
class ReplayMatchesReferenceModelIT {

    private static final int COMMANDS = 60_000;
    private static final int IDS = 10_000;
    private static final int PARTITIONS = 4;
    private static final int MALFORMED_JSON = 40;
    private static final int WITHOUT_ID = 30;
    private static final int MAPPING_REJECTED = 30;
    private static final Path CONTRACT = Path.of("src/test/resources/messages-v2.json");
    private static final DocumentTransform TAGS = Transforms.load("tags-to-key-value", Map.of("source", "tags"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path logs;

    /** How the indexer processes are run against the topic until everything is committed and they are stopped. */
    @FunctionalInterface
    private interface Run {
        void drive(Indexers indexers, long produced) throws Exception;
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2", "ELASTICSEARCH_9", "OPENSEARCH_3"})
    void replayedTopicEqualsTheReferenceModelDocForDoc(Engine target, Engines engines) throws Exception {
        replayAndCompare(target, engines, (indexers, produced) -> {
            ConsumerProcess indexer = indexers.start();
            indexers.awaitCommitted(produced, indexer);
            indexers.terminate(indexer);
        });
    }

    /** On one engine: what a kill tests is the consumer's offsets, the same whatever it writes to. */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"OPENSEARCH_2"})
    void indexerKilledThreeTimesMidRunStillConvergesToTheReferenceModel(Engine target, Engines engines) throws Exception {
        replayAndCompare(target, engines, (indexers, produced) -> {
            ConsumerProcess indexer = indexers.start();
            for (int kill = 1; kill <= 3; kill++) {
                // kill at a quarter, a half and three quarters of the topic
                indexers.awaitCommitted(produced * kill / 4, indexer);
                indexer.kill();
                indexer = indexers.start();
            }
            indexers.awaitCommitted(produced, indexer);
            indexers.terminate(indexer);
        });
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"OPENSEARCH_2"})
    void brokerKilledMidReplayAndBackAfter15SecondsStillConvergesToTheReferenceModel(Engine target, Engines engines)
            throws Exception {
        replayAndCompare(target, engines, (indexers, produced) -> {
            ConsumerProcess indexer = indexers.start();
            indexers.awaitCommitted(produced / 3, indexer);
            // the broker dies as a crashed node does (its log recovered at start), mid-replay, dead letters included
            engines.restart(Engine.KAFKA, true, Duration.ofSeconds(15));
            assertThat(indexer.isAlive()).as("the indexer waits out the broker; log:\n%s", indexer.logTail()).isTrue();
            indexers.awaitCommitted(produced, indexer);
            indexers.terminate(indexer);
        });
    }

    /**
     * A production target keeps a replica of every shard; losing the node of one primary fails it over to its replica,
     * and the node's return recovers its copies from the survivors. With a primary on each node, writes meet both.
     */
    @Test
    void aTargetDataNodeKilledMidReplayAndBackAfter15SecondsStillConvergesToTheReferenceModel(Engines engines)
            throws Exception {
        Path contract = logs.resolve("messages-v2-with-replicas.json");
        ObjectNode definition = (ObjectNode) JSON.readTree(CONTRACT.toFile());
        ((ObjectNode) definition.path("settings")).put("number_of_replicas", 1);
        JSON.writeValue(contract.toFile(), definition);
        replayAndCompare(Engine.OPENSEARCH_2_TWO_NODES, contract, engines, (indexers, produced) -> {
            ConsumerProcess indexer = indexers.start();
            indexers.awaitCommitted(produced / 3, indexer);
            assertThat(primaryNodes(engines.get(Engine.OPENSEARCH_2_TWO_NODES).address(), indexers.index()))
                    .as("the nodes holding a primary of the new index").containsExactlyInAnyOrder("Node 1", "Node 2");
            engines.restart(Engine.OPENSEARCH_2_TWO_NODES, true, Duration.ofSeconds(15));
            assertThat(indexer.isAlive()).as("the indexer outlives the node; log:\n%s", indexer.logTail()).isTrue();
            indexers.awaitCommitted(produced, indexer);
            indexers.terminate(indexer);
        });
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"OPENSEARCH_2"})
    void twoIndexersInOneGroupRebalancingAndOneKilledStillConvergeToTheReferenceModel(Engine target, Engines engines)
            throws Exception {
        replayAndCompare(target, engines, (indexers, produced) -> {
            ConsumerProcess first = indexers.start();
            indexers.awaitCommitted(produced / 5, first);
            // a second member joins: the first revokes partitions, committing what it applied
            ConsumerProcess second = indexers.start();
            indexers.awaitCommitted(produced * 2 / 5, second);
            first.kill();
            // the survivor takes every partition once the dead member's session expires
            indexers.awaitCommitted(produced * 3 / 5, second);
            ConsumerProcess third = indexers.start();
            // a SIGTERM before its JVM installed the indexer's shutdown hook would be the JVM's plain 143, not a test
            // of the graceful stop: let the third one reach its loop first
            indexers.awaitReplaying(3, third);
            indexers.awaitCommitted(produced, second);
            indexers.terminate(third);
            indexers.terminate(second);
        });
    }

    /** Starts indexer processes for one replay and watches the group's progress. */
    private record Indexers(Admin admin, List<String> runArgs, Path log, String group, String topic, String index,
                            List<ConsumerProcess> started) {

        ConsumerProcess start() throws java.io.IOException {
            ConsumerProcess indexer = ConsumerProcess.start(runArgs, log);
            started.add(indexer);
            return indexer;
        }

        void awaitCommitted(long atLeast, ConsumerProcess indexer) throws Exception {
            indexer.awaitCommitted(admin, group, topic, atLeast, Duration.ofMinutes(5));
        }

        /** Waits until {@code count} indexers of this run have logged that they replay (the log is shared). */
        void awaitReplaying(int count, ConsumerProcess indexer) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (java.util.regex.Pattern.compile("RunCommand - replaying ").matcher(Files.readString(log)).results().count() < count) {
                assertThat(indexer.isAlive()).as("indexer died; log:\n%s", indexer.logTail()).isTrue();
                assertThat(System.nanoTime()).as("no %d indexers replaying within 2 min; log:\n%s", count, indexer.logTail()).isLessThan(deadline);
                Thread.sleep(100);
            }
        }

        void terminate(ConsumerProcess indexer) throws InterruptedException {
            assertThat(indexer.terminate()).as("exit status after SIGTERM; log:\n%s", indexer.logTail()).isZero();
        }
    }

    private void replayAndCompare(Engine target, Engines engines, Run run) throws Exception {
        replayAndCompare(target, CONTRACT, engines, run);
    }

    private void replayAndCompare(Engine target, Path contract, Engines engines, Run run) throws Exception {
        String bootstrap = engines.get(Engine.KAFKA).address();
        String url = engines.get(target).address();
        String topic = Engines.uniqueName("commands");
        String index = Engines.uniqueName("messages-v2");
        String group = Engines.uniqueName("tandem");

        ReferenceModel model = new ReferenceModel();
        long produced = produce(bootstrap, topic, model);
        List<String> runArgs = List.of("--target-url", url, "--kafka-bootstrap", bootstrap, "--topic", topic,
                "--group", group, "--index", index, "--mapping-file", contract.toAbsolutePath().toString(),
                "--create-index", "--transform", "tags-to-key-value", "--transform-option", "source=tags",
                "--status-port", "0", "--state-index", Engines.uniqueName("tandem-state"),
                // a killed member is noticed after 6 s instead of 45 s
                "--kafka-property", "session.timeout.ms=6000", "--kafka-property", "heartbeat.interval.ms=1000");

        Path log = logs.resolve("indexer.log");
        List<ConsumerProcess> started = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            run.drive(new Indexers(admin, runArgs, log, group, topic, index, started), produced);
        } finally {
            started.forEach(ConsumerProcess::close);
        }

        Map<String, ObjectNode> expected = model.expectedDocuments(TAGS);
        Map<String, ObjectNode> actual = IndexContents.readAll(url, index);
        assertSameDocuments(expected, actual);
        assertThat(model.deletedIds()).as("the workload deletes some ids for good").isPositive();

        Map<String, Long> deadLettersByStage = deadLetters(bootstrap, topic + ".dlq", MALFORMED_JSON + WITHOUT_ID + MAPPING_REJECTED);
        assertThat(deadLettersByStage).containsEntry("parse", (long) (MALFORMED_JSON + WITHOUT_ID))
                .containsEntry("write", (long) MAPPING_REJECTED);
        assertThat(Files.readString(log)).doesNotContain("Exception in thread");
    }

    /** Sends the workload and the bad records; returns how many records the topic holds. */
    private static long produce(String bootstrap, String topic, ReferenceModel model) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        long count = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (CommandWorkload.Placed placed : CommandWorkload.generate(42, COMMANDS, IDS, PARTITIONS)) {
                Command command = placed.command();
                model.apply(command);
                producer.send(new ProducerRecord<>(topic, placed.partition(), bytes(command.id()), CommandWorkload.envelope(command)));
                count++;
            }
            for (int i = 0; i < MALFORMED_JSON; i++, count++) {
                producer.send(new ProducerRecord<>(topic, i % PARTITIONS, bytes("broken-" + i), bytes("{\"op\":\"upsert\",\"id\":")));
            }
            for (int i = 0; i < WITHOUT_ID; i++, count++) {
                producer.send(new ProducerRecord<>(topic, i % PARTITIONS, null, bytes("{\"op\":\"delete\",\"version\":3}")));
            }
            for (int i = 0; i < MAPPING_REJECTED; i++, count++) {
                // "unexpected" is not in the strict contract: the target refuses the document
                String id = "rejected-" + i;
                producer.send(new ProducerRecord<>(topic, i % PARTITIONS, bytes(id), bytes(
                        "{\"op\":\"upsert\",\"id\":\"" + id + "\",\"version\":1,\"doc\":{\"id\":\"" + id + "\",\"unexpected\":1}}")));
            }
            producer.flush();
        }
        return count;
    }

    private static Map<String, Long> deadLetters(String bootstrap, String dlqTopic, int expected) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, Engines.uniqueName("dlq-reader"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(dlqTopic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            // anything beyond the expected would show up now
            consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
        }
        // a killed indexer may publish a dead letter twice (before its offset was committed): count distinct sources
        Set<String> seen = new HashSet<>();
        Map<String, Long> byStage = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String source = header(record, "tandem.dlq.partition") + "/" + header(record, "tandem.dlq.offset");
            if (seen.add(source)) {
                byStage.merge(header(record, "tandem.dlq.stage"), 1L, Long::sum);
            }
        }
        return byStage;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static void assertSameDocuments(Map<String, ObjectNode> expected, Map<String, ObjectNode> actual) {
        Set<String> missing = new HashSet<>(expected.keySet());
        missing.removeAll(actual.keySet());
        Set<String> extra = new HashSet<>(actual.keySet());
        extra.removeAll(expected.keySet());
        List<String> different = expected.keySet().stream()
                .filter(id -> actual.containsKey(id) && !actual.get(id).equals(expected.get(id)))
                .sorted().collect(Collectors.toList());
        assertThat(missing).as("ids missing from the target").isEmpty();
        assertThat(extra).as("ids in the target that the model deleted or never had (resurrected?)").isEmpty();
        assertThat(different).as("ids whose document differs, e.g. %s", different.isEmpty() ? "" :
                expected.get(different.get(0)) + " vs " + actual.get(different.get(0))).isEmpty();
        assertThat(actual).hasSize(expected.size());
    }

    private static Set<String> primaryNodes(String url, String index) {
        Set<String> nodes = new HashSet<>();
        IndexContents.send(url, "GET", "/_cat/shards/" + index + "?format=json&h=prirep,node", null).forEach(shard -> {
            if (shard.path("prirep").asText().equals("p")) {
                nodes.add(shard.path("node").asText());
            }
        });
        return nodes;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
