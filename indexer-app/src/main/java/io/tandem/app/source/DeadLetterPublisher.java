package io.tandem.app.source;

import io.tandem.core.copy.DeadLetter;
import io.tandem.core.copy.DeadLetterSink;
import io.tandem.core.copy.DeadLetterThread;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
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
 * <p>Dead letters are built and sent on the publisher's own thread, never on the caller's: {@link #publish} returns
 * at once, whoever calls it (the poll loop, the bulk writer's thread).
 *
 * <p>As the consumer's {@link DeadLetterSink} it takes letters whose origin is a record of the command topic
 * ({@link KafkaOrigin}): the dead letter is that record, key, value and headers unchanged, plus ours.
 *
 * <p>Thread-safe. Owns the producer and its thread: {@link #close()} closes them.
 */
public final class DeadLetterPublisher implements DeadLetterSink, AutoCloseable {

    private static final Set<String> ACKS_ALL = Set.of("all", "-1");

    private final Producer<byte[], byte[]> producer;
    private final String deadLetterTopic;
    /** Builds and sends each dead letter; one thread, so they go out in the order they were published. */
    private final DeadLetterThread sender = new DeadLetterThread("the dead-letter publisher");

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

    /** Where the dead letters go. */
    public String topic() {
        return deadLetterTopic;
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
     * Queues {@code original} to be sent to the dead-letter topic (see {@link DeadLetterRecord#toProducerRecord}) by
     * the publisher's own thread, and returns at once: {@code KafkaProducer.send} may block for {@code max.block.ms}
     * (fetching the topic's metadata, a full buffer), which must not hold up the bulk writer's thread that reports a
     * rejected write. Dead letters are sent in the order they were published.
     *
     * <p>Never throws: every failure — a dead letter that cannot be built (an unknown stage, a blank reason, the
     * command topic as dead-letter topic), one {@code send} refuses (a closed producer, a record too large), one the
     * broker does not acknowledge, a publisher already closed — completes the future exceptionally, so a caller
     * handles them all in one place.
     *
     * @param stage  {@link DeadLetterRecord#PARSE}, {@link DeadLetterRecord#TRANSFORM} or {@link DeadLetterRecord#WRITE}
     * @return completes when the broker acknowledged the dead letter ({@code acks=all}), or exceptionally when it
     *         cannot be sent; it completes on the producer's I/O thread (or the publisher's), so dependent work that
     *         may block belongs on another executor
     */
    public CompletableFuture<Void> publish(ConsumerRecord<byte[], byte[]> original, String stage, String reason) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        sender.run(() -> send(original, stage, reason, acknowledged), acknowledged);
        return acknowledged;
    }

    /**
     * Publishes {@code letter}, whose origin must be a {@link KafkaOrigin}; see {@link #publish}. A letter of another
     * origin completes exceptionally: this topic holds records of the command topic, as they were consumed.
     */
    @Override
    public CompletableFuture<Void> record(DeadLetter letter) {
        if (!(letter.origin() instanceof KafkaOrigin kafka)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("the dead-letter topic " + deadLetterTopic
                    + " takes records of the command topic, not a document from " + letter.origin().describe()));
        }
        return publish(kafka.record(), letter.stage().label(), letter.reason());
    }

    @Override
    public String destination() {
        return "published to " + deadLetterTopic;
    }

    /** On the publisher's thread. */
    private void send(ConsumerRecord<byte[], byte[]> original, String stage, String reason,
                      CompletableFuture<Void> acknowledged) {
        try {
            ProducerRecord<byte[], byte[]> record =
                    new DeadLetterRecord(original, stage, reason).toProducerRecord(deadLetterTopic);
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    acknowledged.complete(null);
                } else {
                    acknowledged.completeExceptionally(error);
                }
            });
        } catch (Throwable e) {
            // building the record, or send() itself (a closed producer, buffer full past max.block.ms, an
            // interceptor): the caller handles every failure in one place, on the future
            acknowledged.completeExceptionally(e);
        }
    }

    /**
     * Blocks until every dead letter published so far is acknowledged (or failed): those still queued are sent
     * first.
     *
     * @throws CancellationException when the calling thread is interrupted (its interrupt flag stays set)
     */
    @Override
    public void flush() {
        sender.drain(); // every dead letter published so far was handed to send()
        producer.flush();
    }

    /**
     * Sends the dead letters still queued, waits for those in flight, then closes the producer. Dead letters
     * published afterwards fail.
     */
    @Override
    public void close() {
        try {
            sender.close();
        } finally {
            producer.close();
        }
    }
}
