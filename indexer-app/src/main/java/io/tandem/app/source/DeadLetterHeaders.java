package io.tandem.app.source;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers of a dead letter: the original record's headers, unchanged and in their order, followed by where the
 * record came from and why it failed. Every value is UTF-8 text (numbers in decimal), so that console tools show them.
 * An original that already carries {@code tandem.dlq.*} headers (a dead letter replayed and failed again) keeps them;
 * ours come last, so {@link #lastText} reads the newest.
 */
public final class DeadLetterHeaders {

    /** Why the record failed: one line for the parse stage, the writer's or transform's message otherwise. */
    public static final String REASON = "tandem.dlq.reason";
    /** Where it failed: {@code parse}, {@code transform} or {@code write}. */
    public static final String STAGE = "tandem.dlq.stage";
    public static final String TOPIC = "tandem.dlq.topic";
    public static final String PARTITION = "tandem.dlq.partition";
    public static final String OFFSET = "tandem.dlq.offset";
    /** The original record's timestamp in epoch milliseconds, -1 when it had none. */
    public static final String TIMESTAMP = "tandem.dlq.timestamp";

    /**
     * Reasons are cut to this many characters: headers count towards the producer's {@code max.request.size} and the
     * broker's {@code message.max.bytes}, and a dead letter too large to publish would stop the consumer.
     */
    static final int MAX_REASON_CHARS = 1000;

    private DeadLetterHeaders() {
    }

    /** A new header set; the original record's headers are copied, not changed. */
    static Headers of(DeadLetterRecord letter) {
        Headers headers = new RecordHeaders(letter.original().headers().toArray());
        return headers
                .add(REASON, utf8(cut(letter.reason())))
                .add(STAGE, utf8(letter.stage()))
                .add(TOPIC, utf8(letter.original().topic()))
                .add(PARTITION, utf8(Integer.toString(letter.original().partition())))
                .add(OFFSET, utf8(Long.toString(letter.original().offset())))
                .add(TIMESTAMP, utf8(Long.toString(letter.original().timestamp())));
    }

    /** The value of the last header named {@code name} as UTF-8 text; empty when there is none or its value is null. */
    public static Optional<String> lastText(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static String cut(String reason) {
        if (reason.length() <= MAX_REASON_CHARS) {
            return reason;
        }
        // never split a surrogate pair, which UTF-8 cannot encode
        int end = Character.isHighSurrogate(reason.charAt(MAX_REASON_CHARS - 1)) ? MAX_REASON_CHARS - 1 : MAX_REASON_CHARS;
        return reason.substring(0, end) + "...";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
