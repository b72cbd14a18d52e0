package io.tandem.app.source;

import static io.tandem.app.source.DeadLetters.consumed;
import static io.tandem.app.source.DeadLetters.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.command.CommandFormat;
import io.tandem.core.command.CommandParser;
import io.tandem.core.command.VersionSource;
import io.tandem.core.sink.WriteOutcome;
import io.tandem.core.sink.WriteRequest;
import io.tandem.core.sink.VersionedWrites;
import io.tandem.core.sink.WriteResult;
import io.tandem.core.transform.TransformException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, "nothing lost silently": every record the pipeline accepts ends applied, stale, dead-lettered, or as a
 * fatal error that stops the consumer — never pending for ever while the consumer looks alive.
 */
class RecordPipelineTest {

    private static final String TOPIC = "commands";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static final String UPSERT = "{\"op\":\"upsert\",\"id\":\"42\",\"version\":1,\"doc\":{\"id\":\"42\"}}";

    private final FakeWrites writes = new FakeWrites();
    private final OffsetTracker offsets = new OffsetTracker();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<DeadLetterPublisher> publishers = new ArrayList<>();

    @AfterEach
    void closePublishers() {
        publishers.forEach(DeadLetterPublisher::close);
    }

    @Test
    void deadLetterThatCannotBeBuiltForARejectedWriteStopsTheConsumer() {
        // a dead letter to the command topic itself is refused when it is built, on the writer's thread
        MockProducer<byte[], byte[]> producer = producer();
        RecordPipeline pipeline = pipeline(producer, TOPIC);
        pipeline.accept(record(0, UPSERT));

        writes.complete(0, WriteOutcome.REJECTED, "mapper_parsing_exception: failed to parse field [n]");

        awaitTrue(() -> pipeline.fatalError() != null, "a fatal error");
        assertThat(pipeline.fatalError().getMessage())
                .contains(TOPIC + "-0@0").contains("the dead-letter topic cannot be the command topic").doesNotContain("\n");
        assertThat(offsets.pendingCount()).as("the record is not done: nothing is committed past it").isEqualTo(1);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void writeThatFailsInsteadOfReportingAnOutcomeStopsTheConsumer() {
        RecordPipeline pipeline = pipeline(producer(), "commands.dlq");
        pipeline.accept(record(0, UPSERT));

        writes.futures.get(0).completeExceptionally(new IllegalStateException("the bulk writer is closed"));

        awaitTrue(() -> pipeline.fatalError() != null, "a fatal error");
        assertThat(pipeline.fatalError().getMessage()).contains(TOPIC + "-0@0").contains("the bulk writer is closed");
        assertThat(offsets.pendingCount()).isEqualTo(1);
    }

    @Test
    void rejectedWriteWithoutAReasonIsStillDeadLettered() {
        MockProducer<byte[], byte[]> producer = producer();
        RecordPipeline pipeline = pipeline(producer, "commands.dlq");
        pipeline.accept(record(0, UPSERT));

        writes.complete(0, WriteOutcome.REJECTED, " ");
        awaitSent(producer, 1);
        producer.completeNext();

        awaitTrue(() -> offsets.pendingCount() == 0, "the offset to complete");
        assertThat(pipeline.fatalError()).isNull();
        assertThat(DeadLetterHeaders.lastText(producer.history().get(0).headers(), DeadLetterHeaders.REASON))
                .hasValueSatisfying(reason -> assertThat(reason).isNotBlank());
        assertThat(registry.counter("tandem.consumer.records", "outcome", "dead_lettered").count()).isEqualTo(1);
    }

    @Test
    void transformFailureWithoutAMessageIsStillDeadLettered() {
        MockProducer<byte[], byte[]> producer = producer();
        RecordPipeline pipeline = new RecordPipeline(parser(), (id, source) -> {
            throw new TransformException(null);
        }, writes, publisher(producer, "commands.dlq"), offsets, "v2", registry);
        pipeline.accept(record(0, UPSERT));

        awaitSent(producer, 1);
        producer.completeNext();

        awaitTrue(() -> offsets.pendingCount() == 0, "the offset to complete");
        assertThat(pipeline.fatalError()).isNull();
        assertThat(writes.futures).isEmpty();
    }

    @Test
    void deadLetterOfARejectedWriteIsSentOffTheWritersThread() throws Exception {
        BlockingProducer producer = new BlockingProducer();
        RecordPipeline pipeline = pipeline(producer, "commands.dlq");
        pipeline.accept(record(0, UPSERT));
        Thread writer = new Thread(() -> writes.complete(0, WriteOutcome.REJECTED, "mapper_parsing_exception: x"),
                "bulk-writer-test");
        try {
            writer.start();
            writer.join(TimeUnit.SECONDS.toMillis(3));

            assertThat(writer.isAlive()).as("the writer's thread waits on the producer (max.block.ms)").isFalse();
            assertThat(offsets.pendingCount()).as("not done before the dead letter is acknowledged").isEqualTo(1);
        } finally {
            producer.release.countDown();
            writer.join(TimeUnit.SECONDS.toMillis(10));
        }
        awaitSent(producer, 1);
        assertThat(offsets.pendingCount()).isEqualTo(1);
        producer.completeNext();
        awaitTrue(() -> offsets.pendingCount() == 0, "the offset to complete once acknowledged");
        assertThat(producer.sendingThread).isNotEqualTo("bulk-writer-test");
    }

    @Test
    void offsetCompletesOnlyOnceItsDeadLetterIsAcknowledged() {
        MockProducer<byte[], byte[]> producer = producer();
        RecordPipeline pipeline = pipeline(producer, "commands.dlq");

        pipeline.accept(record(0, "not json"));
        awaitSent(producer, 1);

        assertThat(offsets.pendingCount()).isEqualTo(1);
        assertThat(offsets.committable()).containsEntry(PARTITION, new org.apache.kafka.clients.consumer.OffsetAndMetadata(0));
        producer.completeNext();
        awaitTrue(() -> offsets.pendingCount() == 0, "the offset to complete");
        assertThat(offsets.committable()).containsEntry(PARTITION, new org.apache.kafka.clients.consumer.OffsetAndMetadata(1));
    }

    @Test
    void deadLetterTheBrokerRefusesStopsTheConsumerNamingTheRecordAndTheReason() {
        MockProducer<byte[], byte[]> producer = producer();
        RecordPipeline pipeline = pipeline(producer, "commands.dlq");
        pipeline.accept(record(0, "not json"));
        awaitSent(producer, 1);

        producer.errorNext(new RecordTooLargeException("The message is 2000000 bytes when serialized"));

        awaitTrue(() -> pipeline.fatalError() != null, "a fatal error");
        assertThat(pipeline.fatalError().getMessage()).contains(TOPIC + "-0@0").contains("commands.dlq")
                .contains("The message is 2000000 bytes when serialized").doesNotContain("\n");
        assertThat(offsets.pendingCount()).isEqualTo(1);
    }

    @Test
    void deadLettersAreSentInTheOrderTheirRecordsFailed() {
        MockProducer<byte[], byte[]> producer = producer();
        RecordPipeline pipeline = pipeline(producer, "commands.dlq");

        pipeline.accept(record(0, "not json 0"));
        pipeline.accept(record(1, UPSERT));
        pipeline.accept(record(2, "not json 2"));
        writes.complete(0, WriteOutcome.REJECTED, "mapper_parsing_exception: x");
        pipeline.accept(record(3, "not json 3"));
        awaitSent(producer, 4);

        assertThat(producer.history()).extracting(r -> DeadLetterHeaders.lastText(r.headers(), DeadLetterHeaders.OFFSET)
                .orElseThrow()).containsExactly("0", "2", "1", "3");
    }

    @Test
    void drainWaitsUntilQueuedDeadLettersAreAcknowledged() {
        MockProducer<byte[], byte[]> producer = producer();
        RecordPipeline pipeline = pipeline(producer, "commands.dlq");
        for (int offset = 0; offset < 50; offset++) {
            pipeline.accept(record(offset, "not json"));
        }

        // MockProducer.flush acknowledges every record sent before it
        pipeline.drain();

        assertThat(offsets.pendingCount()).isZero();
        assertThat(producer.history()).hasSize(50);
    }

    @Test
    void appliedAndStaleWritesCompleteTheirOffsets() {
        RecordPipeline pipeline = pipeline(producer(), "commands.dlq");
        pipeline.accept(record(0, UPSERT));
        pipeline.accept(record(1, UPSERT));

        writes.complete(0, WriteOutcome.APPLIED, null);
        writes.complete(1, WriteOutcome.STALE, "version_conflict_engine_exception: x");

        assertThat(offsets.pendingCount()).isZero();
        assertThat(pipeline.fatalError()).isNull();
    }

    // ---------------------------------------------------------------------------------------------------------------

    private RecordPipeline pipeline(MockProducer<byte[], byte[]> producer, String deadLetterTopic) {
        return new RecordPipeline(parser(), (id, source) -> source.deepCopy(), writes,
                publisher(producer, deadLetterTopic), offsets, "v2", registry);
    }

    private DeadLetterPublisher publisher(MockProducer<byte[], byte[]> producer, String deadLetterTopic) {
        DeadLetterPublisher publisher = new DeadLetterPublisher(producer, deadLetterTopic);
        publishers.add(publisher);
        return publisher;
    }

    private static CommandParser parser() {
        return new CommandParser(CommandFormat.DEFAULT, VersionSource.COMMAND_FIELD);
    }

    private static MockProducer<byte[], byte[]> producer() {
        return new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, String value) {
        return consumed(TOPIC, 0, offset, 1_700_000_000_000L, utf8("42"), utf8(value), new RecordHeaders());
    }

    private static void awaitSent(MockProducer<byte[], byte[]> producer, int count) {
        awaitTrue(() -> producer.history().size() >= count, count + " dead letter(s) sent");
    }

    static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 10 s for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The bulk writer as the pipeline sees it: each submitted write's future, completed by the test. */
    static final class FakeWrites implements VersionedWrites {

        final List<CompletableFuture<WriteResult<Object>>> futures = new ArrayList<>();
        final List<WriteRequest> requests = new ArrayList<>();
        final List<Object> contexts = new ArrayList<>();

        @Override
        @SuppressWarnings("unchecked")
        public synchronized <C> CompletableFuture<WriteResult<C>> write(WriteRequest request, C context) {
            CompletableFuture<WriteResult<C>> future = new CompletableFuture<>();
            requests.add(request);
            contexts.add(context);
            futures.add((CompletableFuture<WriteResult<Object>>) (CompletableFuture<?>) future);
            return future;
        }

        @Override
        public void flush() {
            // the test completes the writes
        }

        synchronized void complete(int index, WriteOutcome outcome, String reason) {
            futures.get(index).complete(new WriteResult<>(contexts.get(index), requests.get(index).id(), outcome, reason));
        }
    }

    /** A producer whose send blocks, as KafkaProducer.send does for up to max.block.ms (metadata, a full buffer). */
    static final class BlockingProducer extends MockProducer<byte[], byte[]> {

        final CountDownLatch release = new CountDownLatch(1);
        volatile String sendingThread;

        BlockingProducer() {
            super(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        }

        @Override
        public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            sendingThread = Thread.currentThread().getName();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.send(record, callback);
        }
    }
}
