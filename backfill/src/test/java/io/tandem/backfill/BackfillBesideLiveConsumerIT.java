package io.tandem.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.transform.DocumentTransform;
import io.tandem.core.transform.Transforms;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.IndexContents;
import io.tandem.localstack.junit.WithEngines;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration's hard case: the backfill copies the old index while the consumer replays live commands into the same
 * new index, and the application keeps sending updates and deletes — for ids the backfill has copied already and
 * ids it has not reached yet. One version space makes the order irrelevant: the new index ends equal to a reference
 * model (per id the newest command, else the old document), and no deleted id exists.
 */
@WithEngines({Engine.KAFKA, Engine.ELASTICSEARCH_7, Engine.OPENSEARCH_2})
class BackfillBesideLiveConsumerIT {

    private static final int OLD_DOCS = 30_000;
    private static final int MIN_LIVE_COMMANDS = 5_000;
    private static final DocumentTransform TAGS = Transforms.load("tags-to-key-value", Map.of("source", "tags"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void backfillAndLiveConsumerTogetherLeaveExactlyTheReferenceModel(Engines engines) throws Exception {
        String kafka = engines.get(Engine.KAFKA).address();
        String oldUrl = engines.get(Engine.ELASTICSEARCH_7).address();
        String newUrl = engines.get(Engine.OPENSEARCH_2).address();
        String oldIndex = Engines.uniqueName("old-messages");
        String newIndex = Engines.uniqueName("messages-v2");
        String topic = Engines.uniqueName("commands");
        String group = Engines.uniqueName("tandem");
        String stateIndex = Engines.uniqueName("state");
        OldIndex.seed(oldUrl, oldIndex, OLD_DOCS, false, 3);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }

        // the model starts as the old index: every old document at version 0
        Map<String, ObjectNode> model = new HashMap<>();
        Map<String, Long> modelVersions = new HashMap<>();
        IndexContents.readAll(oldUrl, oldIndex).forEach((id, doc) -> {
            model.put(id, asJson(TAGS.apply(id, doc)));
            modelVersions.put(id, 0L);
        });

        Process consumer = ConsumerProcess.startReady(List.of("run", "--target-url", newUrl, "--kafka-bootstrap", kafka,
                "--topic", topic, "--group", group, "--index", newIndex, "--mapping-file", Migration.CONTRACT.toString(),
                "--create-index", "--transform", "tags-to-key-value", "--transform-option", "source=tags",
                "--state-index", stateIndex), dir.resolve("consumer.log"));
        try {
            // the application goes on: commands to Kafka, applied to the old index too by the old indexer
            AtomicBoolean backfillDone = new AtomicBoolean();
            CompletableFuture<Integer> live = CompletableFuture.supplyAsync(() ->
                    sendLiveCommands(kafka, topic, oldUrl, oldIndex, model, modelVersions, backfillDone));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = BackfillCommand.execute(new String[] {"--source-url", oldUrl, "--target-url", newUrl,
                    "--source-index", oldIndex, "--target-index", newIndex, "--transform", "tags-to-key-value",
                    "--transform-option", "source=tags", "--slices", "3", "--throttle", "4000", "--state-index", stateIndex,
                    "--progress", "NONE", "--dead-letter-file", dir.resolve("dl.ndjson").toString()},
                    Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintWriter(new StringWriter(), true));
            String report = out.toString(StandardCharsets.UTF_8);
            assertThat(live.isDone()).as("the live commands kept coming during the whole backfill").isFalse();
            backfillDone.set(true);
            assertThat(live.get(5, TimeUnit.MINUTES)).isGreaterThanOrEqualTo(MIN_LIVE_COMMANDS);
            assertThat(exit).as(report).isZero();
            awaitLagZero(kafka, group, topic, consumer);
            assertThat(report).containsPattern("[1-9][0-9,]* stale");
        } finally {
            ConsumerProcess.stop(consumer);
        }

        Map<String, ObjectNode> actual = IndexContents.readAll(newUrl, newIndex);
        List<String> resurrected = actual.keySet().stream().filter(id -> !model.containsKey(id)).sorted().toList();
        assertThat(resurrected).as("deleted ids present in the new index").isEmpty();
        List<String> wrong = model.entrySet().stream().filter(e -> !e.getValue().equals(actual.get(e.getKey())))
                .map(e -> e.getKey() + ": expected " + e.getValue() + " was " + actual.get(e.getKey())).limit(5).toList();
        assertThat(wrong).as("documents that differ from the reference model").isEmpty();
        assertThat(actual).hasSameSizeAs(model);
    }

    /** Updates, deletes and creations over old and new ids, until the backfill is done; returns how many. */
    private static int sendLiveCommands(String kafka, String topic, String oldUrl, String oldIndex,
                                        Map<String, ObjectNode> model, Map<String, Long> versions, AtomicBoolean stop) {
        Random random = new Random(11);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka, "linger.ms", 5),
                new StringSerializer(), new StringSerializer())) {
            StringBuilder oldIndexer = new StringBuilder();
            int i = 0;
            for (; !stop.get() || i < MIN_LIVE_COMMANDS; i++) {
                // a third of the ids do not exist in the old index yet
                String id = "msg-" + random.nextInt(OLD_DOCS * 4 / 3);
                long version;
                synchronized (model) {
                    version = versions.getOrDefault(id, 0L) + 1;
                    versions.put(id, version);
                }
                boolean delete = random.nextInt(4) == 0;
                ObjectNode doc = OldIndex.document(Integer.parseInt(id.substring(4)), random);
                doc.put("message", "live update " + version + " of " + id);
                String command = delete ? "{\"op\":\"delete\",\"id\":\"" + id + "\",\"version\":" + version + "}"
                        : "{\"op\":\"upsert\",\"id\":\"" + id + "\",\"version\":" + version + ",\"doc\":" + doc + "}";
                producer.send(new ProducerRecord<>(topic, id, command));
                synchronized (model) {
                    if (delete) {
                        model.remove(id);
                    } else {
                        model.put(id, asJson(TAGS.apply(id, doc)));
                    }
                }
                oldIndexer.append(delete ? "{\"delete\":{\"_id\":\"" + id + "\"}}\n"
                        : "{\"index\":{\"_id\":\"" + id + "\"}}\n" + doc + "\n");
                if ((i + 1) % 200 == 0) {
                    IndexContents.send(oldUrl, "POST", "/" + oldIndex + "/_bulk", oldIndexer.toString());
                    oldIndexer.setLength(0);
                    Thread.sleep(50);
                }
            }
            if (oldIndexer.length() > 0) {
                IndexContents.send(oldUrl, "POST", "/" + oldIndex + "/_bulk", oldIndexer.toString());
            }
            return i;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode asJson(ObjectNode doc) {
        try {
            return (ObjectNode) JSON.readTree(JSON.writeValueAsBytes(doc));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void awaitLagZero(String kafka, String group, String topic, Process consumer) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (System.nanoTime() < deadline) {
                assertThat(consumer.isAlive()).isTrue();
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                for (int p = 0; p < 4; p++) {
                    latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
                long lag = 0;
                for (var entry : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
                    OffsetAndMetadata done = committed.get(entry.getKey());
                    lag += entry.getValue().offset() - (done == null ? 0 : done.offset());
                }
                if (lag == 0) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new AssertionError("consumer lag did not reach 0 in 5 minutes");
        }
    }



}
