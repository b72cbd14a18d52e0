package io.tandem.app.operate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
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
        List<TopicPartition> partitions = wait("describe topic " + topic,
                admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, OffsetAndMetadata> committed = wait("read the offsets of group " + group,
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, ListOffsetsResultInfo> starts = offsets(partitions, OffsetSpec.earliest());
        List<PartitionLag> lags = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            lags.add(new PartitionLag(partition.partition(),
                    offset == null ? OptionalLong.empty() : OptionalLong.of(offset.offset()),
                    starts.get(partition).offset(), ends.get(partition).offset()));
        }
        lags.sort(Comparator.comparingInt(PartitionLag::partition));
        return new LagReport(group, topic, lags, at);
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
                    + TIMEOUT_SECONDS + " s");
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
