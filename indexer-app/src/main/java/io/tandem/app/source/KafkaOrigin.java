package io.tandem.app.source;

import io.tandem.core.copy.Origin;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A document's origin on the command topic: the record itself, whose key, value and headers its dead letter carries
 * unchanged ({@link DeadLetterRecord}).
 */
public record KafkaOrigin(ConsumerRecord<byte[], byte[]> record) implements Origin {

    public KafkaOrigin {
        Objects.requireNonNull(record, "record");
    }

    /** {@code topic-partition@offset}, as the consumer's log lines name a record. */
    @Override
    public String describe() {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
