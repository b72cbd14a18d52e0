package io.tandem.app.source;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** Consumed records for dead-letter tests. */
final class DeadLetters {

    private DeadLetters() {
    }

    static ConsumerRecord<byte[], byte[]> consumed(String topic, int partition, long offset, long timestamp,
                                                   byte[] key, byte[] value, Headers headers) {
        return new ConsumerRecord<>(topic, partition, offset, timestamp, TimestampType.CREATE_TIME,
                key == null ? -1 : key.length, value == null ? -1 : value.length, key, value, headers, Optional.empty());
    }

    static ConsumerRecord<byte[], byte[]> consumed(byte[] key, byte[] value) {
        return consumed("commands", 3, 41, 1_700_000_000_000L, key, value, new RecordHeaders());
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
