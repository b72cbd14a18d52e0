package io.tandem.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.WithEngines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The broker is a real one: a record produced with acks=all comes back to a new consumer group from the earliest offset. */
@WithEngines(Engine.KAFKA)
class KafkaSmokeIT {

    @Test
    void recordProducedToANewTopicIsConsumedFromTheEarliestOffset(Engines engines) throws Exception {
        String bootstrap = engines.get(Engine.KAFKA).address();
        String topic = Engines.uniqueName("commands");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()).hasSize(3);
        }

        RecordMetadata sent;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            sent = producer.send(new ProducerRecord<>(topic, "42", "{\"op\":\"upsert\",\"id\":\"42\",\"version\":1}"))
                    .get(30, TimeUnit.SECONDS);
        }

        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, Engines.uniqueName("group"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            }
        }
        assertThat(received).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("42");
            assertThat(record.value()).contains("\"upsert\"");
            assertThat(record.partition()).isEqualTo(sent.partition());
            assertThat(record.offset()).isEqualTo(sent.offset());
        });
    }
}
