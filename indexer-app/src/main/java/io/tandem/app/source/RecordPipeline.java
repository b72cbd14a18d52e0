package io.tandem.app.source;

import io.tandem.core.command.CommandParser;
import io.tandem.core.command.ParseResult;
import io.tandem.core.document.Command;
import io.tandem.core.document.Operation;
import io.tandem.core.sink.VersionedBulkWriter;
import io.tandem.core.sink.WriteOutcome;
import io.tandem.core.sink.WriteRequest;
import io.tandem.core.sink.WriteResult;
import io.tandem.core.transform.DocumentTransform;
import io.tandem.core.transform.TransformException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to one record: parse, transform, write with its version; a record that fails any step goes to the
 * dead-letter topic. Its offset completes only once the write is applied (or stale) or the dead letter acknowledged,
 * so the consumer never commits past a record whose effect is not durable somewhere.
 *
 * <p>Every record ends in one of four ways: applied, stale, dead-lettered, or as the {@link #fatalError} that stops
 * the consumer — a dead letter that cannot be built or sent, or a write that fails instead of ending, is never left
 * pending unnoticed. Dead letters are sent on the publisher's thread, never on the bulk writer's.
 */
public final class RecordPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(RecordPipeline.class);
    /** The reason of a dead letter whose failure came without one (a header needs text). */
    static final String NO_REASON = "(no reason given)";

    private final CommandParser parser;
    private final DocumentTransform transform;
    private final Writes writer;
    private final DeadLetterPublisher deadLetters;
    private final OffsetTracker offsets;
    private final String index;
    private final Counter applied;
    private final Counter stale;
    private final Counter deadLettered;
    /**
     * The first failure that must stop the consumer: a record that is neither applied nor dead-lettered (a dead letter
     * that could not be built or that the broker would not take, a write that failed instead of ending).
     */
    private final AtomicReference<Throwable> fatal = new AtomicReference<>();

    /** Where the pipeline's writes go: the bulk writer, or a stand-in in tests. */
    interface Writes {
        CompletableFuture<WriteResult> submit(WriteRequest request);

        void flush();
    }

    public RecordPipeline(CommandParser parser, DocumentTransform transform, VersionedBulkWriter writer,
                   DeadLetterPublisher deadLetters, OffsetTracker offsets, String index, MeterRegistry registry) {
        this(parser, transform, new Writes() {
            @Override
            public CompletableFuture<WriteResult> submit(WriteRequest request) {
                return writer.submit(request);
            }

            @Override
            public void flush() {
                writer.flush();
            }
        }, deadLetters, offsets, index, registry);
    }

    RecordPipeline(CommandParser parser, DocumentTransform transform, Writes writer,
                   DeadLetterPublisher deadLetters, OffsetTracker offsets, String index, MeterRegistry registry) {
        this.parser = parser;
        this.transform = transform;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.offsets = offsets;
        this.index = index;
        this.applied = registry.counter("tandem.consumer.records", "outcome", "applied");
        this.stale = registry.counter("tandem.consumer.records", "outcome", "stale");
        this.deadLettered = registry.counter("tandem.consumer.records", "outcome", "dead_lettered");
    }

    /**
     * Takes one record on: it ends applied, stale, dead-lettered, or as the {@link #fatalError} that stops the
     * consumer; it never stays pending for ever unnoticed. Returns once the write is queued or the dead letter handed
     * to the publisher, whose thread sends it.
     */
    void accept(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        offsets.track(partition, record.offset());
        ParseResult parsed = parser.parse(record.key(), record.value(), record.offset());
        if (parsed instanceof ParseResult.Unparseable unparseable) {
            deadLetter(record, DeadLetterRecord.PARSE, unparseable.reason());
            return;
        }
        Command command = ((ParseResult.Parsed) parsed).command();
        if (command.operation() == Operation.UPSERT) {
            try {
                command = Command.upsert(command.id(), command.version(), transform.applyShared(command.id(), command.document()));
            } catch (TransformException e) {
                deadLetter(record, DeadLetterRecord.TRANSFORM, e.getMessage());
                return;
            }
        }
        // whenComplete, not thenAccept: a write that fails instead of reporting an outcome must not be skipped
        writer.submit(WriteRequest.of(command, index)).whenComplete((result, error) -> {
            // on the bulk writer's thread: nothing here blocks, and nothing thrown here may vanish in the future
            try {
                if (error != null) {
                    fail(record, "its write failed", error);
                } else if (result.outcome() == WriteOutcome.REJECTED) {
                    deadLetter(record, DeadLetterRecord.WRITE, result.reason());
                } else {
                    (result.outcome() == WriteOutcome.APPLIED ? applied : stale).increment();
                    offsets.complete(partition, record.offset());
                }
            } catch (Throwable e) {
                fail(record, "its outcome could not be handled", e);
            }
        });
    }

    /** Hands the dead letter to the publisher's thread; the offset completes once the broker acknowledged it. */
    private void deadLetter(ConsumerRecord<byte[], byte[]> record, String stage, String reason) {
        CompletableFuture<Void> published;
        try {
            published = deadLetters.publish(record, stage, reason == null || reason.isBlank() ? NO_REASON : reason);
        } catch (Throwable e) {
            fail(record, "its dead letter could not be published to " + deadLetters.topic(), e);
            return;
        }
        published.whenComplete((ok, error) -> {
            if (error == null) {
                deadLettered.increment();
                offsets.complete(new TopicPartition(record.topic(), record.partition()), record.offset());
            } else {
                fail(record, "its dead letter could not be published to " + deadLetters.topic(), error);
            }
        });
    }

    /**
     * The record is neither applied nor dead-lettered: its offset stays pending, so nothing past it is committed, and
     * the first such failure stops the consumer (see {@link CommandReplayer}), its message saying which record and
     * why in one line.
     */
    private void fail(ConsumerRecord<byte[], byte[]> record, String what, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String message = "record " + record.topic() + "-" + record.partition() + "@" + record.offset()
                + " is neither applied nor dead-lettered: " + what + ": " + oneLine(cause);
        if (fatal.compareAndSet(null, new IllegalStateException(message, cause))) {
            LOG.error("{}; the consumer stops without committing past it", message);
        }
    }

    private static String oneLine(Throwable error) {
        String message = error.getMessage() == null || error.getMessage().isBlank() ? error.toString()
                : error.getClass().getSimpleName() + ": " + error.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /**
     * Waits until every record accepted so far is applied, stale, dead-lettered (the dead letter acknowledged) or
     * failed.
     */
    void drain() {
        // the writer first: a write rejected meanwhile hands its dead letter to the publisher before the flush ends
        writer.flush();
        deadLetters.flush();
    }

    /** The first record that is neither applied nor dead-lettered, and why; {@code null} while there is none. */
    Throwable fatalError() {
        return fatal.get();
    }
}
