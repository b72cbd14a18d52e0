package io.tandem.app.source;

import io.tandem.core.copy.FailureStage;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A record of the command topic that cannot be indexed, with the stage where it failed and why.
 *
 * @param original the record as consumed; its key and value bytes go to the dead-letter topic unchanged
 * @param stage    {@link #PARSE}, {@link #TRANSFORM} or {@link #WRITE}
 * @param reason   why it failed, for whoever inspects the dead-letter topic
 */
public record DeadLetterRecord(ConsumerRecord<byte[], byte[]> original, String stage, String reason) {

    /** The value is not a command (see {@code io.tandem.core.command.CommandParser}). */
    public static final String PARSE = FailureStage.PARSE.label();
    /** A document transform rejected the document. */
    public static final String TRANSFORM = FailureStage.TRANSFORM.label();
    /** The new cluster rejected the document for good (a mapping conflict, say), not a transient failure. */
    public static final String WRITE = FailureStage.WRITE.label();

    private static final Set<String> STAGES = Set.of(PARSE, TRANSFORM, WRITE);

    /** @throws IllegalArgumentException for an unknown stage or a blank reason */
    public DeadLetterRecord {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(reason, "reason");
        if (!STAGES.contains(stage)) {
            throw new IllegalArgumentException("stage must be one of parse, transform, write, was '" + stage + "'");
        }
        if (reason.isBlank()) {
            throw new IllegalArgumentException("a dead letter needs a reason");
        }
    }

    /**
     * The record to send to {@code deadLetterTopic}: the original key and value bytes (a tombstone stays a tombstone),
     * the original headers and the {@link DeadLetterHeaders}. Neither partition nor timestamp is set: the key picks
     * the partition, so one document's dead letters stay in order; and the producer stamps the current time, so the
     * dead-letter topic's retention counts from the failure, not from when the application wrote the record (a replay
     * from the earliest offset meets records older than any retention). The original timestamp is in a header.
     *
     * @throws IllegalArgumentException when {@code deadLetterTopic} is the record's own topic, which would feed failures
     *                                  back into the command stream
     */
    public ProducerRecord<byte[], byte[]> toProducerRecord(String deadLetterTopic) {
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        if (deadLetterTopic.equals(original.topic())) {
            throw new IllegalArgumentException("the dead-letter topic cannot be the command topic '" + deadLetterTopic + "'");
        }
        return new ProducerRecord<>(deadLetterTopic, null, null, original.key(), original.value(), DeadLetterHeaders.of(this));
    }
}
