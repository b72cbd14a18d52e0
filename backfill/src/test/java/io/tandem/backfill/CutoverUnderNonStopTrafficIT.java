package io.tandem.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.app.IndexerCommand;
import io.tandem.cli.CommandLines;
import io.tandem.core.transform.DocumentTransform;
import io.tandem.core.transform.Transforms;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.IndexContents;
import io.tandem.localstack.junit.WithEngines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole migration while the application never pauses: a producer sends commands without a break (updates,
 * deletes, re-creations), the application's own old indexer (a consumer group) applies them to the old index, the
 * real consumer replays the topic into the new index and the real backfill copies the old index beside it. Readers
 * keep reading through the read alias, document by document (realtime _mget), across the cutover and the rollback.
 * What must hold: the cutover passes within a minute of the backfill's end; no read fails or comes back empty; no
 * document a reader sees goes back in time by more than the old indexer's own lag at that moment (in records of the
 * document's partition); after the rollback the old index holds every write made after the cutover (the old indexer
 * kept running); and both indices end equal to the reference model.
 */
@WithEngines({Engine.KAFKA, Engine.OPENSEARCH_2})
class CutoverUnderNonStopTrafficIT {

    private static final int OLD_DOCS = 6_000;
    /** A live document's {@code n} is this plus its command's sequence number: readers tell states apart by it. */
    private static final long LIVE = 1_000_000_000L;
    private static final DocumentTransform TAGS = Transforms.load("tags-to-key-value", Map.of("source", "tags"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS = 2;
    /**
     * The old indexer commits after every batch, so it is ahead of the migration's consumer as often as not: a
     * partition where the consumer is behind it passes when no record older than this is left to apply there.
     */
    private static final Duration LAG_TIME = Duration.ofSeconds(1);
    /** Commands per second the application sends, without a pause. */
    private static final int RATE = 450;

    @TempDir
    Path dir;

    @Test
    void readersNeverSeeAFailureAnEmptyAnswerOrADocumentGoingBackInTimeAcrossCutoverAndRollback(Engines engines)
            throws Exception {
        String kafka = engines.get(Engine.KAFKA).address();
        String url = engines.get(Engine.OPENSEARCH_2).address();
        String oldIndex = Engines.uniqueName("nonstop-v1");
        String newIndex = Engines.uniqueName("nonstop-v2");
        String readAlias = Engines.uniqueName("nonstop-read");
        String writeAlias = Engines.uniqueName("nonstop-write");
        String topic = Engines.uniqueName("nonstop-commands");
        String oldGroup = Engines.uniqueName("app-indexer");
        String group = Engines.uniqueName("tandem");
        String stateIndex = Engines.uniqueName("nonstop-state");
        OldIndex.seed(url, oldIndex, OLD_DOCS, false, 5);
        IndexContents.send(url, "POST", "/_aliases", "{\"actions\":[{\"add\":{\"index\":\"" + oldIndex + "\",\"alias\":\""
                + readAlias + "\"}},{\"add\":{\"index\":\"" + oldIndex + "\",\"alias\":\"" + writeAlias
                + "\",\"is_write_index\":true}}]}");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Application application = new Application(kafka, topic, url, oldIndex, oldGroup);
        Process consumer;
        try {
            consumer = ConsumerProcess.startReady(List.of("run", "--target-url", url, "--kafka-bootstrap", kafka,
                    "--topic", topic, "--group", group, "--index", newIndex, "--mapping-file",
                    Migration.CONTRACT.toString(), "--create-index", "--transform", "tags-to-key-value",
                    "--transform-option", "source=tags", "--state-index", stateIndex, "--commit-interval", "PT0.1S"),
                    dir.resolve("consumer.log"));
        } catch (Exception | AssertionError e) {
            application.stopProducing();
            application.close();
            throw e;
        }
        Reader reader = new Reader(url, readAlias, application);
        LagSampler lags = new LagSampler(kafka, topic, oldGroup, group);
        Result cutover;
        Result rollback;
        long backfillEnded;
        long cutoverEnded;
        try (lags) {
            try {
                Result backfill = backfill(url, oldIndex, newIndex, stateIndex);
                backfillEnded = System.nanoTime();
                assertThat(backfill.exit()).as("%s", backfill).isZero();
                assertThat(application.produced()).as("commands sent while the backfill ran").isGreaterThan(1_000);

                reader.awaitAnswersFrom(oldIndex, 200);
                lags.start();
                cutover = indexer("cutover", "--source-url", url, "--target-url", url, "--kafka-bootstrap", kafka,
                        "--group", group, "--topic", topic, "--old-group", oldGroup, "--old-index", oldIndex,
                        "--new-index", newIndex, "--read-alias", readAlias, "--write-alias", writeAlias, "--mapping-file",
                        Migration.CONTRACT.toString(), "--lag-hold-for", "PT2S", "--lag-timeout", "PT50S",
                        "--lag-poll-interval", "PT0.2S", "--max-lag-time", LAG_TIME.toString(), "--skip-check", "verify",
                        "--state-index", stateIndex);
                cutoverEnded = System.nanoTime();
                assertThat(cutover.exit()).as("%s", cutover).isZero();
                reader.awaitAnswersFrom(newIndex, 500);

                // writes after the cutover: the old indexer still applies them to the old index, so a rollback loses none
                long producedAtCutover = application.produced();
                application.awaitProduced(producedAtCutover + 1_500);
                rollback = indexer("rollback", "--source-url", url, "--target-url", url, "--read-alias", readAlias,
                        "--state-index", stateIndex);
                assertThat(rollback.exit()).as("%s", rollback).isZero();
                reader.awaitAnswersFrom(oldIndex, 500);
                application.awaitProduced(application.produced() + 500);
            } finally {
                reader.close();
                application.stopProducing();
                lags.stopSampling();
            }
            lags.awaitCaughtUp(Duration.ofMinutes(3), consumer);
        } finally {
            ConsumerProcess.stop(consumer);
            application.close();
        }

        // a reader may see a document go back by the old indexer's lag, and, where the consumer was behind the old
        // indexer at the switch, by the records of the allowed lag time
        long[] bound = lags.maxOldLag();
        for (int p = 0; p < PARTITIONS; p++) {
            bound[p] += application.mostRecordsWithin(p, LAG_TIME.plusMillis(200));
        }
        double rate = application.rate();
        String figures = String.format("produced %,d commands at %.0f/s; reads of %,d documents (old index %,d, new "
                        + "index %,d); failed %d; empty %d; went back in time %d (allowed: %s records); old group lag "
                        + "at most %s records from the cutover on; cutover done %.1f s after the backfill's end; the "
                        + "reads that went back: %s%n%s", application.produced(), rate,
                reader.answersFrom(oldIndex) + reader.answersFrom(newIndex), reader.answersFrom(oldIndex),
                reader.answersFrom(newIndex), reader.failures.size(), reader.empties.get(), reader.regressions.size(),
                Arrays.toString(bound), Arrays.toString(lags.maxOldLag()), (cutoverEnded - backfillEnded) / 1e9,
                reader.regressions.stream().limit(10).map(r -> r.describe(application)).toList(), cutover.out());
        System.out.println(figures);
        assertThat(rate).as(figures).isGreaterThanOrEqualTo(300);
        assertThat(cutoverEnded - backfillEnded).as(figures).isLessThan(TimeUnit.SECONDS.toNanos(60));
        assertThat(cutover.out()).as(figures).containsPattern("PASS     lag       at or ahead of old group " + oldGroup);
        assertThat(reader.failures).as(figures).isEmpty();
        assertThat(reader.empties.get()).as(figures).isZero();
        List<String> beyondTheOldLag = reader.regressions.stream()
                .filter(r -> r.records(application) > bound[r.partition(application)])
                .map(r -> r.describe(application)).toList();
        assertThat(beyondTheOldLag).as("reads that went back further than the old indexer's lag; " + figures).isEmpty();

        Map<String, ObjectNode> oldModel = application.model();
        Map<String, ObjectNode> newModel = new HashMap<>();
        oldModel.forEach((id, doc) -> newModel.put(id, asJson(TAGS.apply(id, doc))));
        assertEqualToTheModel(IndexContents.readAll(url, oldIndex), oldModel, "old index (lossless rollback)");
        assertEqualToTheModel(IndexContents.readAll(url, newIndex), newModel, "new index");
    }

    private static void assertEqualToTheModel(Map<String, ObjectNode> actual, Map<String, ObjectNode> model, String what) {
        List<String> extra = actual.keySet().stream().filter(id -> !model.containsKey(id)).sorted().limit(5).toList();
        assertThat(extra).as("%s: deleted ids present", what).isEmpty();
        List<String> wrong = model.entrySet().stream().filter(e -> !e.getValue().equals(actual.get(e.getKey())))
                .map(e -> e.getKey() + ": expected " + e.getValue() + " was " + actual.get(e.getKey())).limit(5).toList();
        assertThat(wrong).as("%s: documents that differ from the reference model", what).isEmpty();
        assertThat(actual).as(what).hasSameSizeAs(model);
    }

    private Result backfill(String url, String oldIndex, String newIndex, String stateIndex) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int exit = BackfillCommand.execute(new String[] {"--source-url", url, "--target-url", url, "--source-index",
                oldIndex, "--target-index", newIndex, "--transform", "tags-to-key-value", "--transform-option",
                "source=tags", "--throttle", "3000", "--state-index", stateIndex, "--progress", "NONE",
                "--dead-letter-file", dir.resolve("dl.ndjson").toString()}, Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintWriter(err, true));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    private static Result indexer(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CommandLines.execute(new IndexerCommand(), args, Map.of(),
                new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    /** One command as the producer sent it: its sequence number (also its version) and whether it deletes. */
    record Sent(long seq, boolean delete) {
    }

    /**
     * A read that showed an older state of a document than an earlier read did: the earlier state's command, the
     * state read now ({@code laterSeq}: 0 the seeded document, -1 missing), and the last offset the broker had
     * acknowledged on each partition when it was read.
     */
    record Regression(String id, long seenSeq, long laterSeq, String from, String to, long[] endsAtRead) {

        int partition(Application application) {
            return (int) application.landed(seenSeq)[0];
        }

        /**
         * How stale the index read was, at least, in records of the document's partition: it had not applied the
         * earlier state's command, nor any after it. (Not the records between the document's two commands: a
         * document updated seldom would count its whole gap, however little the index lagged.)
         */
        long records(Application application) {
            long[] seen = application.landed(seenSeq);
            return endsAtRead[(int) seen[0]] - seen[1] + 1;
        }

        String describe(Application application) {
            return id + " (p" + partition(application) + "): seq " + seenSeq + " in " + from + ", then "
                    + (laterSeq < 0 ? "missing" : "seq " + laterSeq) + " in " + to + ", which lagged at least "
                    + records(application) + " records";
        }
    }

    /**
     * The application: a producer that never pauses (upserts and deletes of the old documents, deleted ones created
     * again; the command's sequence number is its version), and its old indexer, a consumer group that applies each
     * batch to the old index with those versions and commits after it, as an application's indexer does.
     */
    private static final class Application implements AutoCloseable {

        final long started = System.nanoTime();
        private final AtomicLong produced = new AtomicLong();
        private final Map<String, ObjectNode> model = new ConcurrentHashMap<>();
        private final Map<String, List<Sent>> history = new ConcurrentHashMap<>();
        /** Sequence number -> {partition, offset}, once the broker acknowledged the command. */
        private final Map<Long, long[]> landed = new ConcurrentHashMap<>();
        /** Per partition, the highest offset the broker acknowledged so far. */
        private final AtomicLongArray acknowledged = new AtomicLongArray(PARTITIONS);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile boolean producing = true;
        private volatile long stopped;
        /** The ids of the last commands sent. */
        private final String[] recent = new String[200];
        private volatile boolean indexing = true;
        private final Thread producer;
        private final Thread oldIndexer;

        Application(String kafka, String topic, String url, String oldIndex, String oldGroup) {
            IndexContents.readAll(url, oldIndex).forEach(model::put);
            producer = start("producer", () -> produce(kafka, topic));
            oldIndexer = start("old-indexer", () -> index(kafka, topic, url, oldIndex, oldGroup));
        }

        private Thread start(String name, Runnable body) {
            Thread thread = new Thread(() -> {
                try {
                    body.run();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, name);
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        private void produce(String kafka, String topic) {
            Random random = new Random(17);
            try (KafkaProducer<String, String> kafkaProducer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka,
                    "linger.ms", 2, "acks", "all"), new StringSerializer(), new StringSerializer())) {
                for (long seq = 10; producing; seq++) {
                    int i = random.nextInt(OLD_DOCS);
                    String id = "msg-" + i;
                    // a deleted document is created again by its next command
                    boolean delete = model.containsKey(id) && random.nextInt(6) == 0;
                    String command;
                    if (delete) {
                        model.remove(id);
                        command = "{\"op\":\"delete\",\"id\":\"" + id + "\",\"version\":" + seq + "}";
                    } else {
                        ObjectNode doc = OldIndex.document(i, random);
                        doc.put("message", "live update " + seq + " of " + id + ": https://example.com/a?b=c#d");
                        doc.put("n", LIVE + seq);
                        model.put(id, doc);
                        command = "{\"op\":\"upsert\",\"id\":\"" + id + "\",\"version\":" + seq + ",\"doc\":" + doc + "}";
                    }
                    recent[(int) (seq % recent.length)] = id;
                    // recorded before it is sent: a reader may see it applied before the acknowledgement arrives
                    history.computeIfAbsent(id, k -> Collections.synchronizedList(new ArrayList<>()))
                            .add(new Sent(seq, delete));
                    long sequence = seq;
                    kafkaProducer.send(new ProducerRecord<>(topic, id, command), (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                            return;
                        }
                        landed.put(sequence, new long[] {metadata.partition(), metadata.offset(), System.nanoTime()});
                        acknowledged.accumulateAndGet(metadata.partition(), metadata.offset(), Math::max);
                        produced.incrementAndGet();
                    });
                    // paced, not slept: a late wake-up is made up by the next sends
                    long next = started + (seq - 9) * 1_000_000_000L / RATE;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        sleep(wait / 1_000_000);
                    }
                }
                kafkaProducer.flush();
                stopped = System.nanoTime();
            }
        }

        private void index(String kafka, String topic, String url, String oldIndex, String oldGroup) {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka,
                    "group.id", oldGroup, "enable.auto.commit", "false", "auto.offset.reset", "earliest",
                    "max.poll.records", "500"), new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(topic));
                while (indexing) {
                    StringBuilder bulk = new StringBuilder();
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        JsonNode command = read(record.value());
                        String action = command.path("op").asText().equals("delete") ? "delete" : "index";
                        bulk.append("{\"").append(action).append("\":{\"_id\":\"").append(command.path("id").asText())
                                .append("\",\"version\":").append(command.path("version").asLong())
                                .append(",\"version_type\":\"external\"}}\n");
                        if (action.equals("index")) {
                            bulk.append(command.path("doc")).append('\n');
                        }
                    }
                    if (bulk.length() > 0) {
                        JsonNode answer = IndexContents.send(url, "POST", "/" + oldIndex + "/_bulk", bulk.toString());
                        for (JsonNode item : answer.path("items")) {
                            int status = item.elements().next().path("status").asInt();
                            // 409: already newer (a delete of a missing document answers 404)
                            if (status >= 300 && status != 409 && status != 404) {
                                throw new IllegalStateException("the old indexer's write failed: " + item);
                            }
                        }
                        consumer.commitSync();
                    }
                }
            }
        }

        long produced() {
            return produced.get();
        }

        void awaitProduced(long count) throws InterruptedException {
            while (produced.get() < count) {
                requireHealthy();
                Thread.sleep(20);
            }
        }

        void requireHealthy() {
            if (failure.get() != null) {
                throw new AssertionError("the application failed", failure.get());
            }
        }

        /** Commands per second over the time the producer ran. */
        double rate() {
            return produced.get() * 1e9 / (stopped - started);
        }

        /** One of the ids written last (a racy read of the ring is fine: any recent id will do). */
        String recentId(Random random) {
            String id = recent[random.nextInt(recent.length)];
            return id == null ? "msg-0" : id;
        }

        /** The most records acknowledged on {@code partition} within any stretch of {@code window}. */
        long mostRecordsWithin(int partition, Duration window) {
            long[][] acked = landed.values().stream().filter(l -> l[0] == partition)
                    .sorted(Comparator.comparingLong(l -> l[2])).toArray(long[][]::new);
            long most = 0;
            for (int first = 0, last = 0; last < acked.length; last++) {
                while (acked[last][2] - acked[first][2] > window.toNanos()) {
                    first++;
                }
                most = Math.max(most, last - first + 1);
            }
            return most;
        }

        /**
         * Where the command with this sequence number landed: {partition, offset, when it was acknowledged}, or null
         * before it was.
         */
        long[] landed(long seq) {
            return landed.get(seq);
        }

        /** Per partition, the highest offset acknowledged so far. */
        long[] acknowledgedOffsets() {
            long[] offsets = new long[PARTITIONS];
            for (int p = 0; p < PARTITIONS; p++) {
                offsets[p] = acknowledged.get(p);
            }
            return offsets;
        }

        /** The commands sent for {@code id} so far, in order. */
        List<Sent> history(String id) {
            List<Sent> sent = history.get(id);
            if (sent == null) {
                return List.of();
            }
            synchronized (sent) {
                return List.copyOf(sent);
            }
        }

        Map<String, ObjectNode> model() {
            Map<String, ObjectNode> copy = new HashMap<>();
            model.forEach((id, doc) -> copy.put(id, asJson(doc)));
            return copy;
        }

        void stopProducing() throws InterruptedException {
            producing = false;
            producer.join(30_000);
        }

        @Override
        public void close() throws InterruptedException {
            indexing = false;
            oldIndexer.join(30_000);
            requireHealthy();
        }
    }

    /**
     * The application's readers: batches of random ids read through the read alias with a realtime _mget, each
     * document's state (its command's sequence number, 0 for the seeded one) compared with the newest state readers
     * saw of it before; and a search, which must never answer with no hit.
     */
    private static final class Reader implements AutoCloseable {

        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final String url;
        private final String alias;
        private final Application application;
        private final Map<String, Long> seen = new HashMap<>();
        private final Map<String, String> seenIn = new HashMap<>();
        private final Map<String, AtomicLong> answersByIndex = new ConcurrentHashMap<>();
        final AtomicLong empties = new AtomicLong();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        final List<Regression> regressions = Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;
        private volatile boolean running = true;

        Reader(String url, String alias, Application application) {
            this.url = url;
            this.alias = alias;
            this.application = application;
            thread = new Thread(this::loop, "reader");
            thread.setDaemon(true);
            thread.start();
        }

        private void loop() {
            Random random = new Random(23);
            while (running) {
                StringBuilder ids = new StringBuilder();
                // half of them written a moment ago: where a switch to a staler index would show
                for (int i = 0; i < 100; i++) {
                    String id = i % 2 == 0 ? application.recentId(random) : "msg-" + random.nextInt(OLD_DOCS);
                    ids.append(i == 0 ? "" : ",").append('"').append(id).append('"');
                }
                JsonNode docs = post("/" + alias + "/_mget", "{\"ids\":[" + ids + "]}");
                JsonNode search = post("/" + alias + "/_search", "{\"size\":1,\"query\":{\"match_all\":{}}}");
                if (docs == null || search == null) {
                    continue;
                }
                if (search.path("hits").path("hits").isEmpty()) {
                    empties.incrementAndGet();
                }
                docs.path("docs").forEach(this::compare);
            }
        }

        private void compare(JsonNode doc) {
            String id = doc.path("_id").asText();
            String index = doc.path("_index").asText();
            answersByIndex.computeIfAbsent(index, k -> new AtomicLong()).incrementAndGet();
            Long before = seen.get(id);
            if (!doc.path("found").asBoolean()) {
                if (before != null && !deletedAfter(id, before)) {
                    regressions.add(regression(id, before, -1, index));
                }
                seen.remove(id); // a deletion (or a document not there yet) is not a state with a sequence number
                return;
            }
            long n = doc.path("_source").path("n").asLong();
            long seq = n >= LIVE ? n - LIVE : 0;
            if (before != null && seq < before) {
                regressions.add(regression(id, before, seq, index));
            } else {
                seen.put(id, seq);
                seenIn.put(id, index);
            }
        }

        private boolean deletedAfter(String id, long seq) {
            return application.history(id).stream().anyMatch(sent -> sent.delete() && sent.seq() > seq);
        }

        private Regression regression(String id, long seenSeq, long laterSeq, String index) {
            return new Regression(id, seenSeq, laterSeq, seenIn.get(id), index, application.acknowledgedOffsets());
        }

        private JsonNode post(String path, String body) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    failures.add(path + " " + response.statusCode() + " " + response.body());
                    return null;
                }
                return JSON.readTree(response.body());
            } catch (IOException e) {
                failures.add(path + " " + e);
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
                return null;
            }
        }

        long answersFrom(String index) {
            AtomicLong answers = answersByIndex.get(index);
            return answers == null ? 0 : answers.get();
        }

        void awaitAnswersFrom(String index, long more) throws InterruptedException {
            long target = answersFrom(index) + more;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (answersFrom(index) < target) {
                assertThat(System.nanoTime()).as("%d more answers from %s", more, index).isLessThan(deadline);
                application.requireHealthy();
                Thread.sleep(20);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(30_000);
        }
    }

    /**
     * Samples, every 100 ms from the cutover on, how far the old indexer's committed offsets trail the end of each
     * partition: the most it trailed bounds how far back a reader may see a document go at a switch.
     */
    private static final class LagSampler implements AutoCloseable {

        private final Admin admin;
        private final String topic;
        private final String oldGroup;
        private final String group;
        private final long[] maxOldLag = new long[PARTITIONS];
        private final Thread thread;
        private volatile boolean running = true;

        LagSampler(String kafka, String topic, String oldGroup, String group) {
            this.admin = Admin.create(Map.of("bootstrap.servers", kafka));
            this.topic = topic;
            this.oldGroup = oldGroup;
            this.group = group;
            thread = new Thread(this::loop, "lag-sampler");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void loop() {
            while (running) {
                try {
                    long[] lag = lag(oldGroup);
                    synchronized (maxOldLag) {
                        for (int p = 0; p < PARTITIONS; p++) {
                            maxOldLag[p] = Math.max(maxOldLag[p], lag[p]);
                        }
                    }
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // a missed sample only makes the bound tighter
                }
            }
        }

        /** Per partition: end offset minus the group's committed offset. */
        long[] lag(String consumerGroup) throws Exception {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(consumerGroup)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            long[] lag = new long[PARTITIONS];
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((partition, end) -> {
                OffsetAndMetadata done = committed.get(partition);
                lag[partition.partition()] = end.offset() - (done == null ? 0 : done.offset());
            });
            return lag;
        }

        long[] maxOldLag() {
            synchronized (maxOldLag) {
                return maxOldLag.clone();
            }
        }

        /** Waits until both groups have committed the end of every partition. */
        void awaitCaughtUp(Duration timeout, Process consumer) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                assertThat(consumer.isAlive()).as("the consumer runs").isTrue();
                if (Arrays.stream(lag(oldGroup)).sum() == 0 && Arrays.stream(lag(group)).sum() == 0) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new AssertionError("the groups did not catch up in " + timeout);
        }

        void stopSampling() throws InterruptedException {
            running = false;
            thread.join(10_000);
        }

        @Override
        public void close() {
            admin.close();
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode asJson(ObjectNode doc) {
        try {
            return (ObjectNode) JSON.readTree(JSON.writeValueAsBytes(doc));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }


}
