package io.tandem.app.operate;

import java.time.Duration;
import java.time.Instant;
import io.tandem.ops.cutover.FreshnessRule;
import io.tandem.ops.cutover.OffsetsSample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Measures a consumer group's lag with the Kafka admin client: per partition, the end offset minus the group's
 * committed offset. A partition the group never committed counts from its log start, where a new group with
 * {@code auto.offset.reset=earliest} begins.
 */
public final class ConsumerLag implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;
    private final String servers;

    public ConsumerLag(Properties connection) {
        this.admin = Admin.create(connection);
        this.servers = String.valueOf(connection.get("bootstrap.servers"));
    }

    /**
     * @throws IllegalStateException when the topic does not exist or Kafka does not answer in time
     */
    public LagReport measure(String group, String topic) throws InterruptedException {
        Instant at = Instant.now();
        Round round = read(group, Optional.empty(), topic, Optional.empty());
        List<PartitionLag> lags = new ArrayList<>();
        for (TopicPartition partition : round.partitions()) {
            OffsetAndMetadata offset = round.applied().get(partition);
            lags.add(new PartitionLag(partition.partition(),
                    offset == null ? OptionalLong.empty() : OptionalLong.of(offset.offset()),
                    round.start(partition), round.end(partition)));
        }
        lags.sort(Comparator.comparingInt(PartitionLag::partition));
        return new LagReport(group, topic, lags, at);
    }

    /**
     * The offsets the cutover's freshness rule compares (see {@link #read}).
     *
     * @throws IllegalStateException when the topic does not exist, Kafka does not answer in time, or the old group
     *                               has committed nothing on the topic (a wrong --old-group would pass every check)
     */
    public OffsetsSample sample(String group, String topic, FreshnessRule rule) throws InterruptedException {
        Round round = read(group, rule.oldGroup(), topic, rule.maxLagTime());
        if (rule.oldGroup().isPresent() && round.old().values().stream().allMatch(Objects::isNull)) {
            throw new IllegalStateException("the old group " + rule.oldGroup().get() + " has committed no offset on "
                    + topic + ": is it the application's indexer group?");
        }
        List<OffsetsSample.PartitionOffsets> sampled = new ArrayList<>();
        for (TopicPartition partition : round.partitions()) {
            long end = round.end(partition);
            OptionalLong firstRecent = OptionalLong.empty();
            if (rule.maxLagTime().isPresent()) {
                long offset = round.recent().get(partition).offset();
                firstRecent = OptionalLong.of(offset < 0 ? end : offset); // -1: no record that recent
            }
            OptionalLong old = rule.oldGroup().isEmpty() ? OptionalLong.empty()
                    : OptionalLong.of(round.position(round.old(), partition));
            sampled.add(new OffsetsSample.PartitionOffsets(partition.partition(),
                    round.position(round.applied(), partition), old, end, firstRecent));
        }
        sampled.sort(Comparator.comparingInt(OffsetsSample.PartitionOffsets::partition));
        return new OffsetsSample(sampled);
    }

    /** What one round of reads found; a committed offset is null on a partition its group never committed. */
    private record Round(List<TopicPartition> partitions, Map<TopicPartition, OffsetAndMetadata> applied,
                         Map<TopicPartition, OffsetAndMetadata> old, Map<TopicPartition, ListOffsetsResultInfo> starts,
                         Map<TopicPartition, ListOffsetsResultInfo> ends,
                         Map<TopicPartition, ListOffsetsResultInfo> recent) {

        long start(TopicPartition partition) {
            return starts.get(partition).offset();
        }

        long end(TopicPartition partition) {
            return ends.get(partition).offset();
        }

        /** Where a group stands: its committed offset, or the log start it begins at (auto.offset.reset=earliest). */
        long position(Map<TopicPartition, OffsetAndMetadata> committed, TopicPartition partition) {
            OffsetAndMetadata offset = committed.get(partition);
            return offset == null ? start(partition) : offset.offset();
        }
    }

    /**
     * One round: the committed offsets of the group (and of the old group) in one request, so that the groups are
     * compared at one moment; then the partitions' starts and ends (no end older than a committed offset it is
     * compared with); and, when {@code recentWithin} is given, the first record of each partition written within it
     * ({@code ListOffsets} by timestamp).
     */
    private Round read(String group, Optional<String> oldGroup, String topic, Optional<Duration> recentWithin)
            throws InterruptedException {
        List<TopicPartition> partitions = partitions(topic);
        Map<String, ListConsumerGroupOffsetsSpec> groups = new HashMap<>();
        groups.put(group, new ListConsumerGroupOffsetsSpec().topicPartitions(partitions));
        oldGroup.ifPresent(old -> groups.put(old, new ListConsumerGroupOffsetsSpec().topicPartitions(partitions)));
        ListConsumerGroupOffsetsResult committed = admin.listConsumerGroupOffsets(groups);
        Map<TopicPartition, OffsetAndMetadata> applied = wait("read the offsets of group " + group,
                committed.partitionsToOffsetAndMetadata(group));
        Map<TopicPartition, OffsetAndMetadata> old = oldGroup.isEmpty() ? Map.of()
                : wait("read the offsets of group " + oldGroup.get(),
                        committed.partitionsToOffsetAndMetadata(oldGroup.get()));
        Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, ListOffsetsResultInfo> starts = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, ListOffsetsResultInfo> recent = recentWithin.isEmpty() ? Map.of()
                : offsets(partitions,
                        OffsetSpec.forTimestamp(System.currentTimeMillis() - recentWithin.get().toMillis()));
        return new Round(partitions, applied, old, starts, ends, recent);
    }

    private List<TopicPartition> partitions(String topic) throws InterruptedException {
        return wait("describe topic " + topic, admin.describeTopics(List.of(topic)).allTopicNames()).get(topic)
                .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private Map<TopicPartition, ListOffsetsResultInfo> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException {
        Map<TopicPartition, OffsetSpec> request = partitions.stream()
                .collect(Collectors.toMap(Function.identity(), p -> spec));
        return wait("read the topic's offsets", admin.listOffsets(request).all());
    }

    private <T> T wait(String what, KafkaFuture<T> future) throws InterruptedException {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new IllegalStateException("cannot " + what + ": the topic does not exist on " + servers);
            }
            throw new IllegalStateException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot " + what + ": Kafka at " + servers + " did not answer within "
                    + TIMEOUT_SECONDS + " s", e);
        }
    }

    @Override
    public void close() {
        // without a bound, close waits out a request Kafka never answered (up to default.api.timeout.ms, 60 s)
        admin.close(Duration.ofSeconds(1));
    }
}
