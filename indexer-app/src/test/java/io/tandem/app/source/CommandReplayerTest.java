package io.tandem.app.source;

import static io.tandem.app.source.DeadLetters.consumed;
import static io.tandem.app.source.DeadLetters.utf8;
import static io.tandem.app.source.RecordPipelineTest.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.command.CommandFormat;
import io.tandem.core.command.CommandParser;
import io.tandem.core.command.VersionSource;
import io.tandem.core.sink.WriteOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 14: a record that is neither applied nor dead-lettered stops the consumer loudly, never silently. */
class CommandReplayerTest {

    private static final String TOPIC = "commands";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static final String UPSERT = "{\"op\":\"upsert\",\"id\":\"42\",\"version\":1,\"doc\":{\"id\":\"42\"}}";

    private final CommittingConsumer consumer = new CommittingConsumer();
    private final RecordPipelineTest.FakeWrites writes = new RecordPipelineTest.FakeWrites();
    private final OffsetTracker offsets = new OffsetTracker();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private DeadLetterPublisher deadLetters;
    private CommandReplayer replayer;
    private Thread loop;

    @AfterEach
    void stop() throws InterruptedException {
        if (replayer != null) {
            replayer.stop();
            replayer.awaitStop(Duration.ofSeconds(10));
        }
        if (deadLetters != null) {
            deadLetters.close();
        }
    }

    @Test
    void writeThatFailsStopsTheLoopAndTheHealthProbe() throws Exception {
        start(new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer()), record(0, UPSERT));
        awaitTrue(() -> writes.futures.size() == 1, "the write");

        writes.futures.get(0).completeExceptionally(new IllegalStateException("the bulk writer is closed"));

        assertThat(replayer.awaitStop(Duration.ofSeconds(10))).as("the loop stopped").isTrue();
        assertThat(replayer.isHealthy()).isFalse();
        assertThat(replayer.failure().getMessage()).contains(TOPIC + "-0@0").contains("the bulk writer is closed")
                .doesNotContain("\n");
        assertThat(consumer.committedOffsets()).as("never past the lost record").allSatisfy(offset -> assertThat(offset).isZero());
    }

    @Test
    void deadLetterThatFailsDuringAGracefulStopFailsTheRun() throws Exception {
        // the dead letter is still in flight when SIGTERM comes; the flush of the stop finds it failed
        MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(),
                new ByteArraySerializer()) {
            @Override
            public synchronized void flush() {
                while (errorNext(new TimeoutException("Expiring 1 record(s) for commands.dlq-0: 120000 ms has passed"))) {
                    // each pending dead letter fails
                }
            }
        };
        start(producer, record(0, "not json"));
        awaitTrue(() -> producer.history().size() == 1, "the dead letter sent");

        replayer.stop();

        assertThat(replayer.awaitStop(Duration.ofSeconds(10))).isTrue();
        assertThat(replayer.failure()).as("a stop that lost a record is not a clean stop").isNotNull();
        assertThat(replayer.failure().getMessage()).contains(TOPIC + "-0@0").contains("120000 ms has passed");
        assertThat(replayer.isHealthy()).isFalse();
        assertThat(consumer.committedOffsets()).allSatisfy(offset -> assertThat(offset).isZero());
    }

    @Test
    void gracefulStopCommitsWhatIsDoneAndStaysHealthy() throws Exception {
        start(new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()), record(0, UPSERT));
        awaitTrue(() -> writes.futures.size() == 1, "the write");
        writes.complete(0, WriteOutcome.APPLIED, null);

        replayer.stop();

        assertThat(replayer.awaitStop(Duration.ofSeconds(10))).isTrue();
        assertThat(replayer.failure()).isNull();
        assertThat(replayer.isHealthy()).isTrue();
        assertThat(consumer.committedOffsets()).contains(1L);
    }

    @Test
    void aLoopThatCaughtUpCommitsAtOnceNotAtTheNextInterval() throws Exception {
        start(new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()), record(0, UPSERT),
                Duration.ofHours(1));
        awaitTrue(() -> writes.futures.size() == 1, "the write");
        assertThat(consumer.committedOffsets()).as("nothing settled, nothing committed").isEmpty();

        writes.complete(0, WriteOutcome.APPLIED, null);

        awaitTrue(() -> consumer.committedOffsets().contains(1L), "the commit of the settled record, an hour early");
        Thread.sleep(1_000); // a second of empty polls (the mock's poll does not wait)
        assertThat(consumer.commits.get()).as("each offset sent once").isEqualTo(1);
    }

    private void start(MockProducer<byte[], byte[]> producer, ConsumerRecord<byte[], byte[]> record) {
        start(producer, record, Duration.ofMillis(20));
    }

    private void start(MockProducer<byte[], byte[]> producer, ConsumerRecord<byte[], byte[]> record,
                       Duration commitInterval) {
        deadLetters = new DeadLetterPublisher(producer, "commands.dlq");
        RecordPipeline pipeline = new RecordPipeline(new CommandParser(CommandFormat.DEFAULT, VersionSource.COMMAND_FIELD),
                (id, source) -> source.deepCopy(), writes, deadLetters, offsets, "v2", registry);
        replayer = new CommandReplayer(consumer, pipeline, offsets, TOPIC, 100, commitInterval, registry);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(PARTITION));
            consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
            consumer.addRecord(record);
        });
        loop = new Thread(replayer, "poll-loop");
        loop.setDaemon(true);
        loop.start();
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, String value) {
        return consumed(TOPIC, 0, offset, 1_700_000_000_000L, utf8("42"), utf8(value), new RecordHeaders());
    }

    /** Remembers every offset committed for the partition, synchronously or not. */
    private static final class CommittingConsumer extends MockConsumer<byte[], byte[]> {

        private final Map<Long, Boolean> committed = new ConcurrentHashMap<>();
        private final AtomicInteger commits = new AtomicInteger();

        CommittingConsumer() {
            super("earliest");
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            remember(offsets);
            super.commitSync(offsets);
        }

        @Override
        public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
            remember(offsets);
            super.commitAsync(offsets, callback);
        }

        private void remember(Map<TopicPartition, OffsetAndMetadata> offsets) {
            commits.incrementAndGet();
            OffsetAndMetadata offset = offsets.get(PARTITION);
            if (offset != null) {
                committed.put(offset.offset(), true);
            }
        }

        List<Long> committedOffsets() {
            return List.copyOf(committed.keySet());
        }
    }
}
