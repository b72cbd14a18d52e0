package io.tandem.app.operate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.app.operate.MigrationUnderTest.Result;
import io.tandem.core.json.JsonMappers;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.WithEngines;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@WithEngines(Engine.KAFKA)
class LagCommandIT {

    @Test
    void reportsCommittedEndAndLagPerPartitionAndTheTotal(Engines engines) throws Exception {
        String kafka = engines.get(Engine.KAFKA).address();
        String topic = Engines.uniqueName("lag");
        String group = Engines.uniqueName("lag-group");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka),
                new StringSerializer(), new StringSerializer())) {
            int[] records = {5, 7, 3};
            for (int partition = 0; partition < records.length; partition++) {
                for (int i = 0; i < records[partition]; i++) {
                    producer.send(new ProducerRecord<>(topic, partition, "k" + i, "v")).get();
                }
            }
        }
        // partition 0 fully applied, partition 1 up to offset 2, partition 2 never committed
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka,
                "group.id", group), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(5),
                    new TopicPartition(topic, 1), new OffsetAndMetadata(2)));
        }

        Result json = MigrationUnderTest.run(List.of("lag", "--kafka-bootstrap", kafka, "--group", group, "--topic", topic,
                "--json"));
        Result text = MigrationUnderTest.run(List.of("lag", "--kafka-bootstrap", kafka, "--group", group, "--topic", topic));

        assertThat(json.exit()).as("%s", json).isZero();
        JsonNode report = JsonMappers.PLAIN.readTree(json.out());
        assertThat(report.path("total").asLong()).isEqualTo(0 + 5 + 3);
        assertThat(report.path("partitions")).hasSize(3);
        assertThat(report.path("partitions").toString()).isEqualTo("""
                [{"partition":0,"committed":5,"start":0,"end":5,"lag":0},\
                {"partition":1,"committed":2,"start":0,"end":7,"lag":5},\
                {"partition":2,"committed":null,"start":0,"end":3,"lag":3}]""");
        assertThat(text.out().lines().toList()).containsSubsequence(
                "PARTITION        COMMITTED       LOG START             END          LAG",
                "0                        5               0               5            0",
                "1                        2               0               7            5",
                "2                        -               0               3            3",
                "TOTAL                                                                 8");
    }

    @Test
    void anUnknownTopicIsOneLineAndExitOne(Engines engines) {
        Result result = MigrationUnderTest.run(List.of("lag", "--kafka-bootstrap", engines.get(Engine.KAFKA).address(),
                "--group", "g", "--topic", Engines.uniqueName("absent")));

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err().lines()).singleElement().satisfies(line ->
                assertThat(line).startsWith("tandem: cannot describe topic").contains("does not exist"));
    }
}
