package io.tandem.app.source;

import static io.tandem.app.source.DeadLetters.consumed;
import static io.tandem.app.source.DeadLetters.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadLetterPublisherTest {

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final DeadLetterPublisher publisher = new DeadLetterPublisher(producer, "commands.dlq");

    @AfterEach
    void close() {
        publisher.close();
    }

    @Test
    void publishCompletesOnlyWhenTheBrokerAcknowledges() {
        CompletableFuture<Void> published = publisher.publish(consumed(utf8("42"), utf8("{")), "parse", "invalid JSON");
        awaitSent(1);
        assertThat(published).isNotDone();

        producer.completeNext();

        assertThat(published).isCompleted();
        assertThat(producer.history()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo("commands.dlq");
            assertThat(record.key()).isEqualTo(utf8("42"));
            assertThat(record.value()).isEqualTo(utf8("{"));
            assertThat(DeadLetterHeaders.lastText(record.headers(), DeadLetterHeaders.REASON)).contains("invalid JSON");
        });
    }

    @Test
    void publishFailsWhenTheSendFails() {
        CompletableFuture<Void> published = publisher.publish(consumed(utf8("42"), utf8("{")), "write", "mapping conflict");
        awaitSent(1);

        TimeoutException failure = new TimeoutException("delivery.timeout.ms expired");
        producer.errorNext(failure);

        assertThat(published).failsWithin(Duration.ZERO).withThrowableThat().havingCause().isSameAs(failure);
    }

    @Test
    void sendThatThrowsFailsTheFutureInstead() {
        producer.close();

        CompletableFuture<Void> published = publisher.publish(consumed(utf8("42"), null), "parse", "tombstone without key");

        assertThat(published).failsWithin(Duration.ofSeconds(10));
    }

    @Test
    void deadLetterThatCannotBeBuiltFailsTheFutureInsteadOfThrowing() {
        CompletableFuture<Void> published = publisher.publish(consumed(null, null), "sink", "x");

        assertThat(published).failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingCause()
                .isInstanceOf(IllegalArgumentException.class).withMessageContaining("stage must be one of");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void publishAfterCloseFailsTheFutureInsteadOfThrowing() {
        publisher.close();

        assertThat(publisher.publish(consumed(utf8("42"), utf8("{")), "parse", "invalid JSON"))
                .failsWithin(Duration.ofSeconds(10)).withThrowableThat().withMessageContaining("closed");
    }

    @Test
    void sendThatBlocksDoesNotBlockThePublisher() throws Exception {
        RecordPipelineTest.BlockingProducer blocking = new RecordPipelineTest.BlockingProducer();
        DeadLetterPublisher slow = new DeadLetterPublisher(blocking, "commands.dlq");
        try {
            long start = System.nanoTime();
            CompletableFuture<Void> published = slow.publish(consumed(utf8("42"), utf8("{")), "parse", "invalid JSON");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(published).isNotDone();
            blocking.release.countDown();
            RecordPipelineTest.awaitTrue(() -> blocking.history().size() == 1, "the dead letter sent");
            blocking.completeNext();
            assertThat(published).succeedsWithin(Duration.ofSeconds(10));
            assertThat(blocking.sendingThread).isEqualTo("tandem-dead-letters");
        } finally {
            blocking.release.countDown();
            slow.close();
        }
    }

    @Test
    void flushSendsWhatIsQueuedAndWaitsForItsAcknowledgement() {
        List<CompletableFuture<Void>> published = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            published.add(publisher.publish(consumed(utf8("42"), utf8("{")), "parse", "invalid JSON " + i));
        }

        publisher.flush();

        assertThat(published).allSatisfy(future -> assertThat(future).isCompleted());
    }

    private void awaitSent(int count) {
        RecordPipelineTest.awaitTrue(() -> producer.history().size() >= count, count + " dead letter(s) sent");
    }

    @Test
    void closeClosesTheProducer() {
        publisher.close();

        assertThat(producer.closed()).isTrue();
    }

    @Test
    void producerConfigAddsAcksAllAndIdempotence() {
        assertThat(DeadLetterPublisher.producerConfig(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092")))
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    }

    @Test
    void producerConfigKeepsEquivalentExplicitSettings() {
        assertThat(DeadLetterPublisher.producerConfig(Map.of(ProducerConfig.ACKS_CONFIG, "-1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "TRUE")))
                .containsEntry(ProducerConfig.ACKS_CONFIG, "-1")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "TRUE");
    }

    @Test
    void producerConfigRejectsWeakerSettings() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DeadLetterPublisher.producerConfig(Map.of(ProducerConfig.ACKS_CONFIG, "1")))
                .withMessage("dead letters need acks=all, the configuration has acks=1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DeadLetterPublisher.producerConfig(Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false)))
                .withMessage("dead letters need enable.idempotence=true, the configuration has false");
    }
}
