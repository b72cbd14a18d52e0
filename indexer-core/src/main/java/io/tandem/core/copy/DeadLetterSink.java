package io.tandem.core.copy;

import java.util.concurrent.CompletableFuture;

/**
 * Where documents whose copy failed for good are recorded: the consumer's dead-letter topic, the backfill's NDJSON
 * file, repair's list. A document counts as dead-lettered only once its sink has it durably.
 *
 * <p>{@link #record} never blocks its caller, which may be the bulk writer's thread: a sink doing I/O does it on
 * its own thread, in the order letters were recorded.
 */
public interface DeadLetterSink {

    /**
     * Queues a dead letter and returns at once. Never throws: every failure (a letter the sink cannot take, I/O, a
     * closed sink) completes the future exceptionally, so the caller handles them all in one place.
     *
     * @return completes once the letter is durable, or exceptionally when it cannot be recorded
     */
    CompletableFuture<Void> record(DeadLetter letter);

    /** Blocks until every letter recorded so far is durable or failed. */
    void flush();

    /**
     * Where the letters go, completing "could not be ...", e.g. {@code published to commands.dlq} or
     * {@code written to /data/dead.ndjson}.
     */
    String destination();
}
