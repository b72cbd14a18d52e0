package io.tandem.app.source;

import io.tandem.core.command.CommandParser;
import io.tandem.core.command.ParseResult;
import io.tandem.core.document.Command;
import io.tandem.core.document.Operation;
import io.tandem.core.sink.VersionedBulkWriter;
import io.tandem.core.sink.WriteOutcome;
import io.tandem.core.sink.WriteRequest;
import io.tandem.core.transform.DocumentTransform;
import io.tandem.core.transform.TransformException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What happens to one record: parse, transform, write with its version; a record that fails any step goes to the
 * dead-letter topic. Its offset completes only once the write is applied (or stale) or the dead letter acknowledged,
 * so the consumer never commits past a record whose effect is not durable somewhere.
 */
public final class RecordPipeline {

    private final CommandParser parser;
    private final DocumentTransform transform;
    private final VersionedBulkWriter writer;
    private final DeadLetterPublisher deadLetters;
    private final OffsetTracker offsets;
    private final String index;
    private final Counter applied;
    private final Counter stale;
    private final Counter deadLettered;
    /** The first failure that must stop the consumer (a dead letter the broker would not take). */
    private final AtomicReference<Throwable> fatal = new AtomicReference<>();

    public RecordPipeline(CommandParser parser, DocumentTransform transform, VersionedBulkWriter writer,
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

    void accept(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        offsets.track(partition, record.offset());
        ParseResult parsed = parser.parse(record.key(), record.value(), record.offset());
        if (parsed instanceof ParseResult.Unparseable unparseable) {
            deadLetter(record, "parse", unparseable.reason());
            return;
        }
        Command command = ((ParseResult.Parsed) parsed).command();
        if (command.operation() == Operation.UPSERT) {
            try {
                command = Command.upsert(command.id(), command.version(), transform.applyShared(command.id(), command.document()));
            } catch (TransformException e) {
                deadLetter(record, "transform", e.getMessage());
                return;
            }
        }
        writer.submit(WriteRequest.of(command, index)).thenAccept(result -> {
            if (result.outcome() == WriteOutcome.REJECTED) {
                deadLetter(record, "write", result.reason());
            } else {
                (result.outcome() == WriteOutcome.APPLIED ? applied : stale).increment();
                offsets.complete(partition, record.offset());
            }
        });
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, String stage, String reason) {
        CompletableFuture<Void> published = deadLetters.publish(record, stage, reason);
        published.whenComplete((ok, error) -> {
            if (error == null) {
                deadLettered.increment();
                offsets.complete(new TopicPartition(record.topic(), record.partition()), record.offset());
            } else {
                // the offset stays pending: nothing past it is committed, and the consumer stops
                fatal.compareAndSet(null, error);
            }
        });
    }

    /** Waits until every record accepted so far is applied or dead-lettered. */
    void drain() {
        writer.flush();
        deadLetters.flush();
    }

    Throwable fatalError() {
        return fatal.get();
    }
}
