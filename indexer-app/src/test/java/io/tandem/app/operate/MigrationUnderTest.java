package io.tandem.app.operate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.app.IndexerCommand;
import io.tandem.cli.CommandLines;
import io.tandem.core.cluster.EngineCall;
import io.tandem.core.json.JsonMappers;
import io.tandem.core.state.GcDeletesWindow;
import io.tandem.core.state.MigrationRecord;
import io.tandem.core.state.SliceCheckpoints;
import io.tandem.core.state.StateStore;
import io.tandem.core.transform.DocumentTransform;
import io.tandem.core.transform.Transforms;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.IndexContents;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.http.HttpHost;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.elasticsearch.client.RestClient;

/**
 * A migration at its last step, on real engines, for the operator commands: the old index (seeded, read and written
 * through its aliases), the new index created from the strict contract and holding the transformed copy of every old
 * document, the migration and the finished backfill recorded in a state index of its own (gc_deletes raised as the
 * consumer does), and a command topic whose consumer group has committed up to the end (lag 0).
 */
final class MigrationUnderTest {

    static final Path CONTRACT = Path.of("src/test/resources/messages-v2.json").toAbsolutePath();
    static final int DOCS = 200;
    static final DocumentTransform TAGS = Transforms.load("tags-to-key-value", Map.of("source", "tags"));

    final String oldUrl;
    final String newUrl;
    final String kafka;
    final String oldIndex;
    final String newIndex;
    final String readAlias;
    final String writeAlias;
    final String topic;
    final String group;
    final String stateIndex;

    private MigrationUnderTest(Engines engines, Engine oldEngine, Engine newEngine, String name) {
        this.oldUrl = engines.get(oldEngine).address();
        this.newUrl = engines.get(newEngine).address();
        this.kafka = engines.get(Engine.KAFKA).address();
        this.oldIndex = Engines.uniqueName(name + "-v1");
        this.newIndex = Engines.uniqueName(name + "-v2");
        this.readAlias = Engines.uniqueName(name + "-read");
        this.writeAlias = Engines.uniqueName(name + "-write");
        this.topic = Engines.uniqueName(name + "-commands");
        this.group = Engines.uniqueName(name + "-group");
        this.stateIndex = Engines.uniqueName(name + "-state");
    }

    /** Old and new index in OpenSearch 2.19. */
    static MigrationUnderTest sameCluster(Engines engines, String name) throws Exception {
        return new MigrationUnderTest(engines, Engine.OPENSEARCH_2, Engine.OPENSEARCH_2, name).prepare(true);
    }

    /** The old index in Elasticsearch 7.10 (no aliases there), the new one in OpenSearch 2.19. */
    static MigrationUnderTest crossCluster(Engines engines, String name) throws Exception {
        return new MigrationUnderTest(engines, Engine.ELASTICSEARCH_7, Engine.OPENSEARCH_2, name).prepare(false);
    }

    /** The old index on {@code oldEngine}, the new one on {@code newEngine}: one cluster when they are the same. */
    static MigrationUnderTest between(Engines engines, Engine oldEngine, Engine newEngine, String name) throws Exception {
        return new MigrationUnderTest(engines, oldEngine, newEngine, name).prepare(oldEngine == newEngine);
    }

    private MigrationUnderTest prepare(boolean aliasesOnTheOldIndex) throws Exception {
        IndexContents.send(oldUrl, "PUT", "/" + oldIndex, "{\"settings\":{\"number_of_shards\":2,\"number_of_replicas\":0}}");
        IndexContents.send(newUrl, "PUT", "/" + newIndex, Files.readString(CONTRACT));
        StringBuilder oldBulk = new StringBuilder();
        StringBuilder newBulk = new StringBuilder();
        for (int i = 0; i < DOCS; i++) {
            oldBulk.append("{\"index\":{\"_index\":\"").append(oldIndex).append("\",\"_id\":\"m").append(i).append("\"}}\n")
                    .append(oldDocument(i)).append('\n');
            newBulk.append("{\"index\":{\"_index\":\"").append(newIndex).append("\",\"_id\":\"m").append(i)
                    .append("\",\"version\":0,\"version_type\":\"external\"}}\n").append(newDocument(i)).append('\n');
        }
        requireNoErrors(IndexContents.send(oldUrl, "POST", "/_bulk?refresh=true", oldBulk.toString()));
        requireNoErrors(IndexContents.send(newUrl, "POST", "/_bulk?refresh=true", newBulk.toString()));
        if (aliasesOnTheOldIndex) {
            IndexContents.send(oldUrl, "POST", "/_aliases", "{\"actions\":[{\"add\":{\"index\":\"" + oldIndex
                    + "\",\"alias\":\"" + readAlias + "\"}},{\"add\":{\"index\":\"" + oldIndex + "\",\"alias\":\""
                    + writeAlias + "\",\"is_write_index\":true}}]}");
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        produce(10);
        commitToTheEnd();
        try (RestClient client = newCluster()) {
            StateStore state = new StateStore(client, stateIndex);
            // what the indexer records at its first start, and the gc_deletes it raises
            GcDeletesWindow gcDeletes = new GcDeletesWindow(client);
            MigrationRecord record = new MigrationRecord(topic, 2, MigrationRecord.COMMAND_FIELD, newIndex, Instant.now(),
                    gcDeletes.current(newIndex).orElse(null));
            state.write(record.key(), record.toJson());
            gcDeletes.raise(newIndex, Duration.ofHours(1));
            // what a finished two-slice backfill leaves
            SliceCheckpoints checkpoints = new SliceCheckpoints(state, oldIndex, newIndex, 2);
            checkpoints.recordPlan();
            checkpoints.markDone(0, DOCS / 2, 0);
            checkpoints.markDone(1, DOCS / 2, 0);
        }
        return this;
    }

    static ObjectNode oldDocument(int i) {
        ObjectNode doc = JsonMappers.PLAIN.createObjectNode().put("id", "m" + i).put("message", "message " + i).put("n", i);
        doc.putObject("tags").put("color", i % 2 == 0 ? "red" : "blue").put("size", i % 3);
        return doc;
    }

    static ObjectNode newDocument(int i) {
        return TAGS.apply("m" + i, oldDocument(i));
    }

    RestClient newCluster() {
        return RestClient.builder(HttpHost.create(newUrl)).build();
    }

    /** Produces {@code count} more commands; the group, which no consumer runs for, falls behind by as many. */
    void produce(int count) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "m" + i, "{\"op\":\"upsert\",\"id\":\"m" + i + "\"}"));
            }
        }
    }

    /** Commits the group's offsets at the end of every partition, as an indexer that applied everything would. */
    void commitToTheEnd() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka,
                "group.id", group), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            ends.forEach((partition, end) -> offsets.put(partition, new OffsetAndMetadata(end)));
            consumer.commitSync(offsets);
        }
    }

    /** What a command printed on stdout and stderr, and its exit status. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    /** Runs {@code tandem <args>} in this JVM. */
    static Result run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CommandLines.execute(new IndexerCommand(), args.toArray(String[]::new), Map.of(),
                new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    Result verify(String... extra) {
        List<String> args = new ArrayList<>(List.of("verify", "--source-url", oldUrl, "--target-url", newUrl,
                "--source-index", oldIndex, "--target-index", newIndex, "--transform", "tags-to-key-value",
                "--transform-option", "source=tags", "--settle-delay", "PT0.5S", "--state-index", stateIndex));
        args.addAll(List.of(extra));
        return run(args);
    }

    Result cutover(String... extra) {
        return run(cutoverArgs(newUrl, extra));
    }

    /** The arguments of {@link #cutover} with the target cluster reached at {@code targetUrl} (e.g. a proxy). */
    List<String> cutoverArgs(String targetUrl, String... extra) {
        List<String> args = new ArrayList<>(List.of("cutover", "--source-url", oldUrl, "--target-url", targetUrl,
                "--kafka-bootstrap", kafka, "--group", group, "--topic", topic, "--old-index", oldIndex,
                "--new-index", newIndex, "--read-alias", readAlias, "--write-alias", writeAlias,
                "--mapping-file", CONTRACT.toString(), "--lag-hold-for", "PT1S", "--lag-timeout", "PT4S",
                "--lag-poll-interval", "PT0.2S", "--state-index", stateIndex));
        // a flag given in extra replaces the default above
        List<String> given = List.of(extra);
        int lagTimeout = args.indexOf("--lag-timeout");
        if (given.contains("--lag-timeout")) {
            args.subList(lagTimeout, lagTimeout + 2).clear();
        }
        args.addAll(given);
        return args;
    }

    Result rollback(String... extra) {
        List<String> args = new ArrayList<>(List.of("rollback", "--source-url", oldUrl, "--target-url", newUrl,
                "--read-alias", readAlias, "--state-index", stateIndex));
        args.addAll(List.of(extra));
        return run(args);
    }

    Result status(String... extra) {
        List<String> args = new ArrayList<>(List.of("status", "--target-url", newUrl, "--kafka-bootstrap", kafka,
                "--group", group, "--topic", topic, "--new-index", newIndex, "--read-alias", readAlias,
                "--write-alias", writeAlias, "--mapping-file", CONTRACT.toString(), "--state-index", stateIndex));
        args.addAll(List.of(extra));
        return run(args);
    }

    /** {@code GET /_alias/<read>,<write>} on {@code url}, index -> aliases, as the engine answers it. */
    JsonNode aliases(String url) {
        try (RestClient client = RestClient.builder(HttpHost.create(url)).build()) {
            EngineCall.Reply reply = EngineCall.send(client, "GET", "/_alias/" + readAlias + "," + writeAlias, null);
            ObjectNode body = reply.body().isObject() ? ((ObjectNode) reply.body()).deepCopy() : JsonMappers.PLAIN.createObjectNode();
            body.remove(List.of("error", "status"));
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireNoErrors(JsonNode bulk) {
        if (bulk.path("errors").asBoolean(true)) {
            throw new IllegalStateException("seeding failed: " + bulk);
        }
    }
}
