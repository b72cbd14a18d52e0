package io.tandem.app.source;

import static io.tandem.app.source.DeadLetters.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.tandem.core.command.CommandFormat;
import io.tandem.core.command.CommandParser;
import io.tandem.core.command.VersionSource;
import io.tandem.core.sink.VersionedWrites;
import io.tandem.core.sink.WriteOutcome;
import io.tandem.core.sink.WriteRequest;
import io.tandem.core.sink.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** Issue 14: the dead-letter topic re-driven through the consumer's own pipeline, up to its end at the start. */
class DeadLetterTopicRedriveTest {

    private static final String DLQ = "commands.dlq";
    private static final TopicPartition PARTITION = new TopicPartition(DLQ, 0);

    @Test
    void recordsUpToTheEndAreAppliedOrFailAgainIntoTheOtherTopicAndLaterOnesAreLeft() {
        MockConsumer<byte[], byte[]> consumer = consumer(3);
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(0, "a", "{\"op\":\"upsert\",\"id\":\"a\",\"version\":4,\"doc\":{\"n\":1}}"));
            consumer.addRecord(record(1, "b", "{\"op\":\"upsert\",\"id\":\"b\",\"version\":5,\"doc\":{\"n\":2}}"));
            consumer.addRecord(record(2, "c", "not json"));
            consumer.addRecord(record(3, "d", "{\"op\":\"delete\",\"id\":\"d\",\"version\":6}"));
        });
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        Writes writes = new Writes();

        DeadLetterTopicRedrive.Counts counts;
        try (DeadLetterPublisher again = new DeadLetterPublisher(producer, DLQ + ".again")) {
            counts = new DeadLetterTopicRedrive(consumer, DLQ, parser(), (id, source) -> source.deepCopy(), writes,
                    again, "v2").run();
        }

        assertThat(counts).isEqualTo(new DeadLetterTopicRedrive.Counts(3, 1, 0, 2, null));
        assertThat(writes.requests).extracting(WriteRequest::id, WriteRequest::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 4L), org.assertj.core.groups.Tuple.tuple("b", 5L));
        List<ProducerRecord<byte[], byte[]>> failedAgain = producer.history();
        assertThat(failedAgain).extracting(ProducerRecord::topic).containsOnly(DLQ + ".again");
        assertThat(failedAgain).extracting(r -> new String(r.key()), r -> DeadLetterHeaders.lastText(r.headers(),
                DeadLetterHeaders.STAGE).orElseThrow()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("b", "write"), org.assertj.core.groups.Tuple.tuple("c", "parse"));
        assertThat(DeadLetterHeaders.lastText(failedAgain.get(0).headers(), DeadLetterHeaders.TOPIC)).hasValue(DLQ);
    }

    @Test
    void failuresCannotGoBackToTheTopicBeingRedriven() {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        try (DeadLetterPublisher same = new DeadLetterPublisher(producer, DLQ)) {
            assertThatIllegalArgumentException().isThrownBy(() -> new DeadLetterTopicRedrive(consumer(0), DLQ,
                    parser(), (id, source) -> source, new Writes(), same, "v2"));
        }
    }

    private static MockConsumer<byte[], byte[]> consumer(long end) {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        consumer.updatePartitions(DLQ, List.of(new PartitionInfo(DLQ, 0, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.updateEndOffsets(Map.of(PARTITION, end));
        return consumer;
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, String key, String value) {
        return new ConsumerRecord<>(DLQ, 0, offset, utf8(key), utf8(value));
    }

    private static CommandParser parser() {
        return new CommandParser(CommandFormat.DEFAULT, VersionSource.COMMAND_FIELD);
    }

    /** Applies every write except the one of id "b", which the mapping rejects. */
    private static final class Writes implements VersionedWrites {

        final List<WriteRequest> requests = new ArrayList<>();

        @Override
        public synchronized <C> CompletableFuture<WriteResult<C>> write(WriteRequest request, C context) {
            requests.add(request);
            boolean rejected = request.id().equals("b");
            return CompletableFuture.completedFuture(new WriteResult<>(context, request.id(),
                    rejected ? WriteOutcome.REJECTED : WriteOutcome.APPLIED,
                    rejected ? "strict_dynamic_mapping_exception: x" : null));
        }

        @Override
        public void flush() {
            // answered at once
        }
    }
}
