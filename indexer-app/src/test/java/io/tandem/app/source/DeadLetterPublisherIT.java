package io.tandem.app.source;

import static io.tandem.app.source.DeadLetters.consumed;
import static io.tandem.app.source.DeadLetters.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.WithEngines;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/** Dead letters on a real broker: what is read back from the dead-letter topic is the original, bytes and headers. */
@WithEngines(Engine.KAFKA)
class DeadLetterPublisherIT {

    @Test
    void deadLettersAreReadBackWithTheirBytesAndHeadersIntact(Engines engines) throws Exception {
        String bootstrap = engines.get(Engine.KAFKA).address();
        String deadLetterTopic = Engines.uniqueName("commands-dlq");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(deadLetterTopic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        ConsumerRecord<byte[], byte[]> tombstone = consumed("commands", 2, 17, 1_600_000_000_000L,
                utf8("doc-1"), null, new RecordHeaders());
        byte[] notUtf8 = {'{', (byte) 0xC3, (byte) 0x28, '}'};
        ConsumerRecord<byte[], byte[]> withHeaders = consumed("commands", 0, 4, 1_600_000_000_001L,
                new byte[] {0, (byte) 0xFF}, notUtf8, new RecordHeaders(new Header[] {
                        new RecordHeader("traceparent", utf8("00-4bf92f3577b34da6-00f067aa0ba902b7-01")),
                        new RecordHeader("binary", new byte[] {(byte) 0x80, 0, 1}),
                        new RecordHeader("no-value", (byte[]) null)}));

        try (DeadLetterPublisher publisher = DeadLetterPublisher.create(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), deadLetterTopic)) {
            CompletableFuture.allOf(
                    publisher.publish(tombstone, DeadLetterRecord.PARSE, "tombstone for key 'doc-1' carries no version"),
                    publisher.publish(withHeaders, DeadLetterRecord.PARSE, "invalid JSON at line 1, column 2: bad UTF-8")
            ).get(60, TimeUnit.SECONDS);
        }

        List<ConsumerRecord<byte[], byte[]>> read = readBack(bootstrap, deadLetterTopic, 2);

        assertThat(read).hasSize(2);
        ConsumerRecord<byte[], byte[]> first = read.get(0);
        assertThat(first.key()).isEqualTo(utf8("doc-1"));
        assertThat(first.value()).isNull();
        assertThat(headerTexts(first)).containsExactly(
                "tandem.dlq.reason=tombstone for key 'doc-1' carries no version",
                "tandem.dlq.stage=parse", "tandem.dlq.topic=commands", "tandem.dlq.partition=2",
                "tandem.dlq.offset=17", "tandem.dlq.timestamp=1600000000000");
        assertThat(first.timestamp()).as("stamped when dead-lettered").isGreaterThan(1_600_000_000_000L);

        ConsumerRecord<byte[], byte[]> second = read.get(1);
        assertThat(second.key()).containsExactly(0, 0xFF);
        assertThat(second.value()).containsExactly('{', 0xC3, 0x28, '}');
        Header[] headers = second.headers().toArray();
        assertThat(headers).hasSize(9);
        assertThat(headers[0].key()).isEqualTo("traceparent");
        assertThat(headers[0].value()).isEqualTo(utf8("00-4bf92f3577b34da6-00f067aa0ba902b7-01"));
        assertThat(headers[1].key()).isEqualTo("binary");
        assertThat(headers[1].value()).containsExactly(0x80, 0, 1);
        assertThat(headers[2].key()).isEqualTo("no-value");
        assertThat(headers[2].value()).isNull();
        assertThat(headerTexts(second).subList(3, 9)).containsExactly(
                "tandem.dlq.reason=invalid JSON at line 1, column 2: bad UTF-8",
                "tandem.dlq.stage=parse", "tandem.dlq.topic=commands", "tandem.dlq.partition=0",
                "tandem.dlq.offset=4", "tandem.dlq.timestamp=1600000000001");
    }

    private static List<ConsumerRecord<byte[], byte[]>> readBack(String bootstrap, String topic, int expected) {
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, Engines.uniqueName("dlq-reader"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (read.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(read::add);
            }
        }
        return read;
    }

    /** Header names and values as UTF-8 text, in order. */
    private static List<String> headerTexts(ConsumerRecord<byte[], byte[]> record) {
        return Arrays.stream(record.headers().toArray())
                .map(header -> header.key() + "=" + (header.value() == null ? null
                        : new String(header.value(), StandardCharsets.UTF_8)))
                .toList();
    }
}
