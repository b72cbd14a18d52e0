package io.tandem.app.source;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.command.CommandParser;
import io.tandem.core.sink.VersionedWrites;
import io.tandem.core.transform.DocumentTransform;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The dead-letter topic as a source of the copy path, once the cause of its dead letters is fixed: every record from
 * the topic's beginning to its end when the re-drive starts goes through the consumer's own {@link RecordPipeline}
 * (parse, transform, versioned write), and what fails again is published to another topic, with the record's key,
 * value and headers (the earlier {@code tandem.dlq.*} headers kept, ours after them).
 *
 * <p>The topic is read by assignment, without a consumer group: nothing is committed and no group rebalances, so a
 * re-drive can run beside the indexer; running it again sends the same commands again, which their versions make
 * harmless.
 */
public final class DeadLetterTopicRedrive {

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);

    /** What the re-drive did; {@code failure} is why it stopped before every record had an outcome, or null. */
    public record Counts(long read, long applied, long stale, long deadLettered, String failure) {
    }

    private final Consumer<byte[], byte[]> consumer;
    private final RecordPipeline pipeline;
    private final MeterRegistry registry;
    private final String topic;

    /**
     * @param consumer    a consumer without group, reading {@code topic}; closed by the caller
     * @param parser      the command format of the indexer whose dead letters these are
     * @param deadLetters where records that fail again go: not {@code topic}
     */
    public DeadLetterTopicRedrive(Consumer<byte[], byte[]> consumer, String topic, CommandParser parser,
                                  DocumentTransform transform, VersionedWrites writer, DeadLetterPublisher deadLetters,
                                  String index) {
        if (deadLetters.topic().equals(topic)) {
            throw new IllegalArgumentException("records that fail again cannot go back to the topic being re-driven, "
                    + topic);
        }
        this.consumer = consumer;
        this.topic = topic;
        this.registry = new SimpleMeterRegistry();
        this.pipeline = new RecordPipeline(parser, transform, writer, deadLetters, new OffsetTracker(), index, registry);
    }

    /** Re-drives every record up to the topic's end as it is now, and waits until each has its outcome. */
    public Counts run() {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
        end.values().removeIf(offset -> offset == 0);
        long read = 0;
        while (!end.isEmpty() && pipeline.fatalError() == null) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                Long last = end.get(partition);
                if (last != null && record.offset() < last) {
                    pipeline.accept(record);
                    read++;
                }
            }
            // a partition is done once its position passed the end seen at the start (compaction leaves gaps)
            end.keySet().removeIf(partition -> consumer.position(partition) >= end.get(partition));
            consumer.pause(consumer.assignment().stream().filter(p -> !end.containsKey(p)).toList());
        }
        pipeline.drain();
        Throwable fatal = pipeline.fatalError();
        return new Counts(read, count("applied"), count("stale"), count("dead_lettered"),
                fatal == null ? null : fatal.getMessage());
    }

    private long count(String outcome) {
        return (long) registry.counter("tandem.consumer.records", "outcome", outcome).count();
    }
}
