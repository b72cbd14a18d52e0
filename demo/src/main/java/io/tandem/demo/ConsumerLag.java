package io.tandem.demo;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Total lag of a consumer group on a topic: end offsets minus committed offsets (a missing commit counts as 0). */
final class ConsumerLag implements AutoCloseable {

    private final Admin admin;

    ConsumerLag(String bootstrap) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        this.admin = Admin.create(properties);
    }

    long total(String group, String topic) throws ExecutionException, InterruptedException {
        var partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        var ends = admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get();
        long lag = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata commit = committed.get(partition);
            lag += ends.get(partition).offset() - (commit == null ? 0 : commit.offset());
        }
        return lag;
    }

    /** Polls until the lag is 0 and returns how long that took. */
    Duration awaitZero(String group, String topic, Duration timeout) throws ExecutionException, InterruptedException {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long lag;
        while ((lag = total(group, topic)) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("consumer lag still " + lag + " after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(250);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
