package io.tandem.app.source;

import static io.tandem.app.source.DeadLetters.consumed;
import static io.tandem.app.source.DeadLetters.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterRecordTest {

    @Test
    void deadLetterCarriesTheOriginalKeyAndValueBytesUnchanged() {
        byte[] key = {0, 1, (byte) 0xFF};
        byte[] value = utf8("{\"op\":\"patch\"}");

        ProducerRecord<byte[], byte[]> record = letter(consumed(key, value)).toProducerRecord("commands.dlq");

        assertThat(record.topic()).isEqualTo("commands.dlq");
        assertThat(record.key()).containsExactly(0, 1, 0xFF);
        assertThat(record.value()).isEqualTo(utf8("{\"op\":\"patch\"}"));
    }

    @Test
    void tombstoneStaysATombstoneAndAMissingKeyStaysMissing() {
        assertThat(letter(consumed(utf8("42"), null)).toProducerRecord("dlq").value()).isNull();
        assertThat(letter(consumed(null, utf8("x"))).toProducerRecord("dlq").key()).isNull();
    }

    @Test
    void deadLetterHeadersSayWhereTheRecordCameFromAndWhyItFailed() {
        ConsumerRecord<byte[], byte[]> original = consumed("orders", 7, 123456789012L, 1_700_000_000_123L,
                utf8("42"), utf8("{}"), new RecordHeaders());

        Headers headers = new DeadLetterRecord(original, DeadLetterRecord.TRANSFORM, "no 'tags'")
                .toProducerRecord("orders.dlq").headers();

        assertThat(names(headers)).containsExactly("tandem.dlq.reason", "tandem.dlq.stage", "tandem.dlq.topic",
                "tandem.dlq.partition", "tandem.dlq.offset", "tandem.dlq.timestamp");
        assertThat(text(headers, DeadLetterHeaders.REASON)).isEqualTo("no 'tags'");
        assertThat(text(headers, DeadLetterHeaders.STAGE)).isEqualTo("transform");
        assertThat(text(headers, DeadLetterHeaders.TOPIC)).isEqualTo("orders");
        assertThat(text(headers, DeadLetterHeaders.PARTITION)).isEqualTo("7");
        assertThat(text(headers, DeadLetterHeaders.OFFSET)).isEqualTo("123456789012");
        assertThat(text(headers, DeadLetterHeaders.TIMESTAMP)).isEqualTo("1700000000123");
    }

    @Test
    void reasonIsUtf8() {
        Headers headers = new DeadLetterRecord(consumed(null, null), DeadLetterRecord.WRITE, "champ « prix » refusé ✓")
                .toProducerRecord("dlq").headers();

        assertThat(headers.lastHeader(DeadLetterHeaders.REASON).value())
                .isEqualTo(utf8("champ « prix » refusé ✓"));
    }

    @Test
    void longReasonIsCut() {
        String reason = "x".repeat(DeadLetterHeaders.MAX_REASON_CHARS - 1) + "😀" + "y".repeat(500);

        String stored = text(new DeadLetterRecord(consumed(null, null), DeadLetterRecord.WRITE, reason)
                .toProducerRecord("dlq").headers(), DeadLetterHeaders.REASON);

        // the emoji's surrogate pair would straddle the limit, so it is left out whole
        assertThat(stored).isEqualTo("x".repeat(DeadLetterHeaders.MAX_REASON_CHARS - 1) + "...");
    }

    @Test
    void originalHeadersAreKeptInOrderBeforeTheDeadLetterHeaders() {
        Headers originalHeaders = new RecordHeaders(new Header[] {
                new RecordHeader("traceparent", utf8("00-abc-01")),
                new RecordHeader("empty", (byte[]) null),
                new RecordHeader("traceparent", utf8("second"))});
        // as a consumer hands them out
        ((RecordHeaders) originalHeaders).setReadOnly();
        ConsumerRecord<byte[], byte[]> original = consumed("commands", 0, 1, 2, utf8("k"), utf8("v"), originalHeaders);

        Headers headers = letter(original).toProducerRecord("dlq").headers();

        List<Header> all = Arrays.asList(headers.toArray());
        assertThat(all).hasSize(9);
        assertThat(all.subList(0, 3)).containsExactly(originalHeaders.toArray());
        assertThat(all.get(1).value()).isNull();
        assertThat(all.get(3).key()).isEqualTo(DeadLetterHeaders.REASON);
        assertThat(names(originalHeaders)).as("the original's headers are not changed")
                .containsExactly("traceparent", "empty", "traceparent");
    }

    @Test
    void earlierDeadLetterHeadersAreKeptAndTheNewOnesReadLast() {
        Headers originalHeaders = new RecordHeaders().add(DeadLetterHeaders.REASON, utf8("first failure"));
        ConsumerRecord<byte[], byte[]> original = consumed("commands", 0, 1, 2, utf8("k"), utf8("v"), originalHeaders);

        Headers headers = new DeadLetterRecord(original, DeadLetterRecord.PARSE, "second failure").toProducerRecord("dlq").headers();

        assertThat(headers.headers(DeadLetterHeaders.REASON)).hasSize(2);
        assertThat(text(headers, DeadLetterHeaders.REASON)).isEqualTo("second failure");
    }

    @Test
    void partitionAndTimestampAreLeftToTheProducer() {
        ProducerRecord<byte[], byte[]> record = letter(consumed(utf8("k"), utf8("v"))).toProducerRecord("dlq");

        assertThat(record.partition()).isNull();
        assertThat(record.timestamp()).isNull();
    }

    @Test
    void unknownStageIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DeadLetterRecord(consumed(null, null), "index", "x"))
                .withMessage("stage must be one of parse, transform, write, was 'index'");
    }

    @Test
    void blankReasonIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DeadLetterRecord(consumed(null, null), "parse", " "));
    }

    @Test
    void deadLetterTopicCannotBeTheCommandTopic() {
        assertThatIllegalArgumentException().isThrownBy(() -> letter(consumed(null, null)).toProducerRecord("commands"));
    }

    private static DeadLetterRecord letter(ConsumerRecord<byte[], byte[]> original) {
        return new DeadLetterRecord(original, DeadLetterRecord.PARSE, "unknown op 'patch'");
    }

    private static String text(Headers headers, String name) {
        return DeadLetterHeaders.lastText(headers, name).orElseThrow();
    }

    private static List<String> names(Headers headers) {
        return StreamSupport.stream(headers.spliterator(), false).map(Header::key).toList();
    }
}
