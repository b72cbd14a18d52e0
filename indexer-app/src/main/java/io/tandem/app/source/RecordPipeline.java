package io.tandem.app.source;

import io.tandem.core.cluster.ClusterConditionException;
import io.tandem.core.command.CommandParser;
import io.tandem.core.command.ParseResult;
import io.tandem.core.copy.CopyFailedException;
import io.tandem.core.copy.CopyStep;
import io.tandem.core.copy.FailureStage;
import io.tandem.core.document.Command;
import io.tandem.core.sink.VersionedWrites;
import io.tandem.core.source.SourceJson;
import io.tandem.core.transform.DocumentTransform;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command topic as a source of the copy step: parse each record, hand the command to the {@link CopyStep}
 * (transform, versioned write, dead letter to the topic), and complete its offset once the step resolved it, so the
 * consumer never commits past a record whose effect is not durable somewhere.
 *
 * <p>Every record ends in one of four ways: applied, stale, dead-lettered, or as the {@link #fatalError} that stops
 * the consumer — a dead letter that cannot be built or sent, or a write that fails instead of ending, is never left
 * pending unnoticed. Dead letters are sent on the publisher's thread, never on the bulk writer's.
 */
public final class RecordPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(RecordPipeline.class);

    private final CommandParser parser;
    private final CopyStep step;
    private final OffsetTracker offsets;
    private final Counter applied;
    private final Counter stale;
    private final Counter deadLettered;
    /**
     * The first failure that must stop the consumer: a record that is neither applied nor dead-lettered (a dead letter
     * that could not be built or that the broker would not take, a write that failed instead of ending).
     */
    private final AtomicReference<Throwable> fatal = new AtomicReference<>();

    /**
     * @param writer the bulk writer, or a stand-in in tests
     */
    public RecordPipeline(CommandParser parser, DocumentTransform transform, VersionedWrites writer,
                          DeadLetterPublisher deadLetters, OffsetTracker offsets, String index, MeterRegistry registry) {
        this.parser = parser;
        this.step = new CopyStep(transform, writer, deadLetters, index);
        this.offsets = offsets;
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
        offsets.track(new TopicPartition(record.topic(), record.partition()), record.offset());
        KafkaOrigin origin = new KafkaOrigin(record);
        SourceJson value = record.value() == null ? null : SourceJson.of(record.value());
        ParseResult parsed = parser.parse(record.key(), record.value(), record.offset());
        if (parsed instanceof ParseResult.Unparseable unparseable) {
            settle(record, step.deadLetter(null, FailureStage.PARSE, unparseable.reason(), value, origin));
            return;
        }
        Command command = ((ParseResult.Parsed) parsed).command();
        settle(record, step.copy(new CopyStep.Document(command.id(), command.operation(), command.document(), value,
                CopyStep.Version.of(command.version()), origin)));
    }

    /** Counts the record's outcome and completes its offset, or stops the consumer naming the record. */
    private void settle(ConsumerRecord<byte[], byte[]> record, CompletableFuture<CopyStep.Outcome> copied) {
        // whenComplete, not thenAccept: a copy that fails instead of reporting an outcome must not be skipped
        copied.whenComplete((outcome, error) -> {
            // on the writer's or the publisher's thread: nothing here blocks
            try {
                if (error != null) {
                    Throwable cause = CopyStep.unwrap(error);
                    if (cause instanceof CopyFailedException failed) {
                        fail(record, failed.what(), failed.getCause());
                    } else {
                        fail(record, cause instanceof ClusterConditionException ? "its write failed"
                                : "its outcome could not be handled", cause);
                    }
                    return;
                }
                switch (outcome) {
                    case APPLIED -> applied.increment();
                    case STALE -> stale.increment();
                    case DEAD_LETTERED -> deadLettered.increment();
                }
                offsets.complete(new TopicPartition(record.topic(), record.partition()), record.offset());
            } catch (Throwable e) {
                fail(record, "its outcome could not be handled", e);
            }
        });
    }

    /**
     * The record is neither applied nor dead-lettered: its offset stays pending, so nothing past it is committed, and
     * the first such failure stops the consumer (see {@link CommandReplayer}), its message saying which record and
     * why in one line.
     */
    private void fail(ConsumerRecord<byte[], byte[]> record, String what, Throwable cause) {
        String message = "record " + new KafkaOrigin(record).describe() + " is neither applied nor dead-lettered: "
                + what + ": " + CopyFailedException.oneLine(cause);
        if (fatal.compareAndSet(null, new IllegalStateException(message, cause))) {
            LOG.error("{}; the consumer stops without committing past it", message);
        }
    }

    /**
     * Waits until every record accepted so far is applied, stale, dead-lettered (the dead letter acknowledged) or
     * failed.
     */
    void drain() {
        step.drain();
    }

    /** The first record that is neither applied nor dead-lettered, and why; {@code null} while there is none. */
    Throwable fatalError() {
        return fatal.get();
    }
}
