package io.tandem.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.app.IndexerCommand;
import io.tandem.core.transform.DocumentTransform;
import io.tandem.core.transform.Transforms;
import io.tandem.localstack.junit.ChildJvm;
import io.tandem.localstack.Engine;
import io.tandem.localstack.LocalStack;
import io.tandem.localstack.process.LocalProcessProvider;
import io.tandem.localstack.process.OsProcesses;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.http.HttpHost;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.util.EntityUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * Issue B's benchmark (not a test): N upsert commands (default 1M, ~300-byte documents with a tags map) replayed by
 * the real indexer process into OpenSearch 2.19, against the raw _bulk ceiling of the same, already-transformed
 * documents sent pre-serialized by 3 concurrent senders into an index with the same settings, in the same run.
 * Prints commands/s, the ceiling, their ratio and the indexer JVM's peak RSS. Run it with bench/replay-benchmark.
 * Each measured phase starts once Kafka and the engine are quiet again: the ceiling's bulk load leaves the engine
 * merging for seconds, which would otherwise be charged to the indexer.
 */
public final class ReplayBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS = 4;
    private static final int BULK_DOCS = 1000;
    private static final int RAW_SENDERS = 3;
    private static final String SETTINGS = "{\"settings\":{\"number_of_shards\":2,\"number_of_replicas\":0,\"refresh_interval\":\"30s\"},"
            + "\"mappings\":{\"dynamic\":\"strict\",\"properties\":{\"id\":{\"type\":\"keyword\"},\"message\":{\"type\":\"text\"},"
            + "\"n\":{\"type\":\"long\"},\"tags\":{\"properties\":{\"keyToValue\":{\"type\":\"keyword\"},\"value\":{\"type\":\"keyword\"}}}}}}";

    private ReplayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int commands = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path work = Files.createTempDirectory("tandem-replay-bench-");
        Path contract = work.resolve("contract.json");
        Files.writeString(contract, SETTINGS);
        DocumentTransform transform = Transforms.load("tags-to-key-value", Map.of("source", "tags"));
        System.setProperty("tandem.engine.heap", System.getProperty("tandem.engine.heap", "1g"));

        try (LocalStack stack = new LocalStack(new LocalProcessProvider())) {
            stack.start(List.of(Engine.KAFKA, Engine.OPENSEARCH_2));
            String bootstrap = stack.endpoint(Engine.KAFKA).address();
            String url = stack.endpoint(Engine.OPENSEARCH_2).address();
            System.out.printf("engines: Kafka %s, OpenSearch %s%n", bootstrap, url);

            List<byte[]> rawBodies = new ArrayList<>();
            long produceStart = System.nanoTime();
            produce(bootstrap, "bench-commands", commands, transform, rawBodies);
            System.out.printf("produced %,d commands in %.1f s%n", commands, seconds(produceStart));

            List<Long> engines = List.of(stack.endpoint(Engine.KAFKA).pid().orElseThrow(),
                    stack.endpoint(Engine.OPENSEARCH_2).pid().orElseThrow());
            settle(engines);
            double ceiling;
            try (RestClient client = RestClient.builder(HttpHost.create(url)).build()) {
                ceiling = rawBulk(client, rawBodies, commands);
                rawBodies.clear();
                System.out.printf("raw _bulk ceiling: %,.0f docs/s%n", ceiling);
            }

            settle(engines);
            Process indexer = ChildJvm.start(IndexerCommand.class.getName(),
                    List.of("-Xmx" + System.getProperty("bench.indexer.heap", "384m")), List.of("run", "--target-url", url, "--kafka-bootstrap", bootstrap,
                    "--topic", "bench-commands", "--group", "bench", "--index", "bench-replay", "--mapping-file", contract.toString(),
                    "--create-index", "--transform", "tags-to-key-value", "--transform-option", "source=tags", "--status-port", "0"),
                    work.resolve("indexer.log"));
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                long start = System.nanoTime();
                long peakRss = 0;
                while (committed(admin) < commands) {
                    if (!indexer.isAlive()) {
                        throw new IllegalStateException("indexer died, see " + work.resolve("indexer.log"));
                    }
                    peakRss = Math.max(peakRss, OsProcesses.peakRssBytes(indexer.pid()).orElse(0));
                    Thread.sleep(100);
                }
                double elapsed = seconds(start);
                peakRss = Math.max(peakRss, OsProcesses.peakRssBytes(indexer.pid()).orElse(0));
                double rate = commands / elapsed;
                indexer.toHandle().destroy();
                int exit = indexer.waitFor(60, TimeUnit.SECONDS) ? indexer.exitValue() : -1;
                System.out.println();
                System.out.println("| measure | value |");
                System.out.println("|---|---|");
                System.out.printf("| commands | %,d upserts, %d partitions, tags-to-key-value transform |%n", commands, PARTITIONS);
                System.out.printf("| indexer (Kafka -> parse -> transform -> versioned _bulk) | %,.0f commands/s (%.1f s, incl. JVM start) |%n", rate, elapsed);
                System.out.printf("| raw _bulk ceiling (pre-serialized, %d senders) | %,.0f docs/s |%n", RAW_SENDERS, ceiling);
                System.out.printf("| indexer / ceiling | %.2f (goal >= 0.90, issue 15) |%n", rate / ceiling);
                System.out.printf("| indexer JVM peak RSS (VmHWM) | %d MiB (goal <= 512) |%n", peakRss >> 20);
                System.out.printf("| indexer exit after SIGTERM | %d |%n", exit);
            } finally {
                indexer.destroyForcibly();
            }
        }
    }

    private static void produce(String bootstrap, String topic, int commands, DocumentTransform transform,
                                List<byte[]> rawBodies) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Random random = new Random(7);
        ByteArrayOutputStream bulk = new ByteArrayOutputStream();
        int inBulk = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 50,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < commands; i++) {
                String id = "doc-" + i;
                ObjectNode doc = JSON.createObjectNode();
                doc.put("id", id);
                doc.put("message", "the quick brown fox jumps over the lazy dog, message number " + i + " of the benchmark run");
                doc.put("n", i);
                ObjectNode tags = doc.putObject("tags");
                for (int t = 0; t < 4; t++) {
                    tags.put("key" + random.nextInt(10), "value-" + random.nextInt(1000));
                }
                ObjectNode envelope = JSON.createObjectNode().put("op", "upsert").put("id", id).put("version", 1);
                envelope.set("doc", doc);
                producer.send(new ProducerRecord<>(topic, id.getBytes(StandardCharsets.UTF_8), JSON.writeValueAsBytes(envelope)));

                bulk.write(("{\"index\":{\"_index\":\"bench-raw\",\"_id\":\"" + id + "\",\"version\":1,\"version_type\":\"external\"}}\n")
                        .getBytes(StandardCharsets.UTF_8));
                bulk.write(JSON.writeValueAsBytes(transform.apply(id, doc)));
                bulk.write('\n');
                if (++inBulk == BULK_DOCS) {
                    rawBodies.add(bulk.toByteArray());
                    bulk.reset();
                    inBulk = 0;
                }
            }
            if (inBulk > 0) {
                rawBodies.add(bulk.toByteArray());
            }
            producer.flush();
        }
    }

    private static double rawBulk(RestClient client, List<byte[]> bodies, int docs) throws Exception {
        Request create = new Request("PUT", "/bench-raw");
        create.setJsonEntity(SETTINGS);
        client.performRequest(create);
        AtomicInteger next = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(RAW_SENDERS);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int s = 0; s < RAW_SENDERS; s++) {
            done.add(senders.submit(() -> {
                for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                    Request bulk = new Request("POST", "/_bulk");
                    bulk.setEntity(new ByteArrayEntity(bodies.get(i), ContentType.create("application/x-ndjson")));
                    String body = EntityUtils.toString(client.performRequest(bulk).getEntity());
                    if (body.contains("\"errors\":true")) {
                        throw new IllegalStateException("raw bulk had errors: " + body.substring(0, Math.min(500, body.length())));
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double rate = docs / seconds(start);
        senders.shutdown();
        return rate;
    }

    private static long committed(Admin admin) throws Exception {
        Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> offsets =
                admin.listConsumerGroupOffsets("bench").partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        return offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
    }

    /** Waits until the engines' CPU is below 0.06 cores for a second (at most a minute), and says how long it took. */
    private static void settle(List<Long> engines) throws InterruptedException {
        long start = System.nanoTime();
        boolean quiet = OsProcesses.awaitQuiet(engines, 60, 60);
        System.out.printf("engines %s after %.1f s%n", quiet ? "quiet" : "still busy", seconds(start));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
