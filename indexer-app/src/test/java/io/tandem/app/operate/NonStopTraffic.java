package io.tandem.app.operate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * An application that never pauses its writes: a producer sending a command every few milliseconds, and consumer
 * groups that apply them as indexers do, each committing its position at its own interval, so that its committed
 * offset always trails the end by what arrived since its last commit.
 */
final class NonStopTraffic implements AutoCloseable {

    private final String kafka;
    private final String topic;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong produced = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();

    NonStopTraffic(String kafka, String topic) {
        this.kafka = kafka;
        this.topic = topic;
        start("producer", () -> {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka,
                    "linger.ms", "0"), new StringSerializer(), new StringSerializer())) {
                for (long i = 0; running.get(); i++) {
                    producer.send(new ProducerRecord<>(topic, "m" + (i % 200), "{\"op\":\"upsert\",\"id\":\"m" + (i % 200) + "\"}"));
                    produced.incrementAndGet();
                    sleep(Duration.ofMillis(4));
                }
            }
        });
    }

    /** A group that applies the topic from its committed offsets (the start for a new group), committing every {@code interval}. */
    NonStopTraffic indexer(String group, Duration interval) {
        start("indexer-" + group, () -> {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka,
                    "group.id", group, "enable.auto.commit", "false", "auto.offset.reset", "earliest"),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer.assign(List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1)));
                long lastCommit = System.nanoTime();
                while (running.get()) {
                    consumer.poll(Duration.ofMillis(20));
                    if (System.nanoTime() - lastCommit >= interval.toNanos()) {
                        consumer.commitSync();
                        lastCommit = System.nanoTime();
                    }
                }
            }
        });
        return this;
    }

    long produced() {
        return produced.get();
    }

    private void start(String name, Runnable body) {
        Thread thread = new Thread(body, "traffic-" + name);
        thread.setDaemon(true);
        thread.start();
        threads.add(thread);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(10_000);
        }
    }
}
