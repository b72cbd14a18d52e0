package io.tandem.app.source;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends records that cannot be indexed to the dead-letter topic. A dead-lettered record counts as done only once the
 * broker has it, so its offset is completed only when {@link #publish}'s future completes; a failed publish leaves the
 * offset pending, and the commit never passes it.
 *
 * <p>Thread-safe, as the producer is. Owns the producer: {@link #close()} closes it.
 */
public final class DeadLetterPublisher implements AutoCloseable {

    private static final Set<String> ACKS_ALL = Set.of("all", "-1");

    private final Producer<byte[], byte[]> producer;
    private final String deadLetterTopic;

    /**
     * @param producer a producer configured with {@code acks=all} and {@code enable.idempotence=true}, as
     *                 {@link #create} does: a dead letter acknowledged by the leader alone could be lost with it, and
     *                 the record it stands for would then be neither indexed nor kept
     */
    public DeadLetterPublisher(Producer<byte[], byte[]> producer, String deadLetterTopic) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.deadLetterTopic = Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        if (deadLetterTopic.isBlank()) {
            throw new IllegalArgumentException("the dead-letter topic needs a name");
        }
    }

    /** A publisher with its own {@link KafkaProducer} made from {@code config} by {@link #producerConfig}. */
    public static DeadLetterPublisher create(Map<String, ?> config, String deadLetterTopic) {
        return new DeadLetterPublisher(
                new KafkaProducer<>(producerConfig(config), new ByteArraySerializer(), new ByteArraySerializer()),
                deadLetterTopic);
    }

    /**
     * {@code config} (bootstrap servers, security, client id...) with {@code acks=all} and
     * {@code enable.idempotence=true} added.
     *
     * @throws IllegalArgumentException when {@code config} asks for other acks or for no idempotence: silently
     *                                  overriding an explicit setting would hide a misconfiguration
     */
    public static Map<String, Object> producerConfig(Map<String, ?> config) {
        Map<String, Object> complete = new HashMap<>(config);
        Object acks = complete.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        if (acks != null && !ACKS_ALL.contains(String.valueOf(acks).trim().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("dead letters need acks=all, the configuration has acks=" + acks);
        }
        Object idempotence = complete.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        if (idempotence != null && !"true".equalsIgnoreCase(String.valueOf(idempotence).trim())) {
            throw new IllegalArgumentException(
                    "dead letters need enable.idempotence=true, the configuration has " + idempotence);
        }
        return complete;
    }

    /**
     * Sends {@code original} to the dead-letter topic (see {@link DeadLetterRecord#toProducerRecord}).
     *
     * @param stage  {@link DeadLetterRecord#PARSE}, {@link DeadLetterRecord#TRANSFORM} or {@link DeadLetterRecord#WRITE}
     * @return completes when the broker acknowledged the dead letter, or exceptionally when it cannot be sent (the
     *         producer gave up after its {@code delivery.timeout.ms}, or is closed); it completes on the producer's I/O
     *         thread, so dependent work that may block belongs on another executor
     * @throws IllegalArgumentException for an unknown stage or a blank reason
     */
    public CompletableFuture<Void> publish(ConsumerRecord<byte[], byte[]> original, String stage, String reason) {
        ProducerRecord<byte[], byte[]> record = new DeadLetterRecord(original, stage, reason).toProducerRecord(deadLetterTopic);
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    acknowledged.complete(null);
                } else {
                    acknowledged.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            // send() throws rather than calling back on some failures (a closed producer, buffer full past max.block.ms);
            // the caller handles every failure in one place, on the future
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }

    /** Blocks until every dead letter published so far is acknowledged (or failed). */
    public void flush() {
        producer.flush();
    }

    /** Waits for dead letters in flight to be sent, then closes the producer. */
    @Override
    public void close() {
        producer.close();
    }
}
