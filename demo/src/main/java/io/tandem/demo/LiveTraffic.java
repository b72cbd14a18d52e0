package io.tandem.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The "old indexer" of the story: the application's write path, which keeps running during the whole migration. Every
 * 100 ms it makes a batch of commands (updates and deletes of existing messages, new messages), publishes them to the
 * command topic (acks=all, keyed by id) and then applies them, in order, to the old cluster — Kafka first, as the
 * application does, so the topic never lacks a change the old index has. It never pauses, as a real application does
 * not: the migration's consumer always trails the end by a batch, and the cutover passes on a bounded lag
 * ({@code --max-lag-time}), not on a quiet moment.
 */
final class LiveTraffic implements AutoCloseable {

    /** What the traffic did, for the report. */
    record Counts(long creates, long updates, long deletes) {
        long total() {
            return creates + updates + deletes;
        }
    }

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final OldMessages old;
    private final int commandsPerSecond;
    private final Random random;
    /** Ids that exist in the old index, for picking update and delete targets; position map for O(1) removal. */
    private final List<String> alive = new ArrayList<>();
    private final Map<String, Integer> positions = new HashMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    private final AtomicLong creates = new AtomicLong();
    private final AtomicLong updates = new AtomicLong();
    private final AtomicLong deletes = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;
    private long nextNew;

    LiveTraffic(String bootstrap, String topic, OldMessages old, int seeded, int commandsPerSecond, long seed) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.old = old;
        this.commandsPerSecond = commandsPerSecond;
        this.random = new Random(seed);
        for (int n = 0; n < seeded; n++) {
            add(OldMessages.id(n));
        }
        this.nextNew = seeded;
        this.thread = new Thread(this::loop, "tandem-demo-live-traffic");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Stops after the batch in progress (published and applied) and returns what was done. */
    Counts stop() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(60));
        failIfBroken();
        return counts();
    }

    Counts counts() {
        return new Counts(creates.get(), updates.get(), deletes.get());
    }

    /** The traffic must not die silently: a demo whose old side stopped changing would prove nothing. */
    void failIfBroken() {
        Throwable broken = failure.get();
        if (broken != null) {
            throw new IllegalStateException("the live traffic failed: " + broken.getMessage(), broken);
        }
    }

    private void loop() {
        int perBatch = Math.max(1, commandsPerSecond / 10);
        try {
            while (running) {
                long started = System.nanoTime();
                batch(perBatch);
                long left = TimeUnit.MILLISECONDS.toNanos(100) - (System.nanoTime() - started);
                if (left > 0) {
                    TimeUnit.NANOSECONDS.sleep(left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | java.util.concurrent.ExecutionException e) {
            failure.set(e);
        }
    }

    private void batch(int size) throws InterruptedException, java.util.concurrent.ExecutionException {
        StringBuilder bulk = new StringBuilder();
        List<Future<RecordMetadata>> sent = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int dice = random.nextInt(100);
            String id;
            ObjectNode command = JsonMappers.PLAIN.createObjectNode();
            if (dice < 20 || alive.isEmpty()) {
                long n = nextNew++;
                id = OldMessages.id(n);
                add(id);
                command.put("op", "upsert");
                command.set("doc", OldMessages.message(n, 0, Instant.now(), random));
                creates.incrementAndGet();
            } else {
                id = alive.get(random.nextInt(alive.size()));
                if (dice < 80) {
                    command.put("op", "upsert");
                    long n = Long.parseLong(id.substring("msg-".length()));
                    command.set("doc", OldMessages.message(n, (int) (versions.getOrDefault(id, 0L) + 1), Instant.now(), random));
                    updates.incrementAndGet();
                } else {
                    remove(id);
                    command.put("op", "delete");
                    deletes.incrementAndGet();
                }
            }
            // versions of one id increase with every command; the seeded state counts as version 0
            long version = versions.merge(id, 1L, Long::sum);
            command.put("id", id).put("version", version);
            byte[] value = command.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            sent.add(producer.send(new ProducerRecord<>(topic, id, value)));
            if (command.path("op").asText().equals("delete")) {
                bulk.append("{\"delete\":{\"_id\":\"").append(id).append("\"}}\n");
            } else {
                bulk.append("{\"index\":{\"_id\":\"").append(id).append("\"}}\n").append(command.get("doc")).append('\n');
            }
        }
        producer.flush();
        for (Future<RecordMetadata> future : sent) {
            future.get();
        }
        old.bulk(bulk.toString());
    }

    private void add(String id) {
        positions.put(id, alive.size());
        alive.add(id);
    }

    private void remove(String id) {
        int position = positions.remove(id);
        String last = alive.remove(alive.size() - 1);
        if (!last.equals(id)) {
            alive.set(position, last);
            positions.put(last, position);
        }
    }

    @Override
    public void close() {
        running = false;
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
