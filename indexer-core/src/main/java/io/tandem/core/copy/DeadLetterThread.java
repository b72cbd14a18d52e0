package io.tandem.core.copy;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The one thread ({@code tandem-dead-letters}) on which a {@link DeadLetterSink} records its letters, in the order they
 * came, so that recording never runs (or blocks) on the writer's thread.
 */
public final class DeadLetterThread implements AutoCloseable {

    private final String sink;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "tandem-dead-letters");
        t.setDaemon(true); // a sink left unclosed must not keep the JVM alive
        return t;
    });

    /** @param sink what the sink is, for the error of a letter recorded after {@link #close()} */
    public DeadLetterThread(String sink) {
        this.sink = sink;
    }

    /**
     * Runs {@code recording} on the thread; it must complete {@code recorded}. After {@link #close()}, completes it
     * exceptionally instead.
     */
    public void run(Runnable recording, CompletableFuture<?> recorded) {
        try {
            thread.execute(recording);
        } catch (RejectedExecutionException e) {
            recorded.completeExceptionally(new IllegalStateException(sink + " is closed", e));
        }
    }

    /**
     * Waits until every recording handed over so far has run.
     *
     * @throws CancellationException when the calling thread is interrupted (its interrupt flag stays set)
     */
    public void drain() {
        try {
            // one thread, in order: once this no-op ran, every recording before it did
            thread.submit(() -> { }).get();
        } catch (RejectedExecutionException closed) {
            // closing ran what was queued
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException("interrupted while waiting for dead letters");
            cancelled.initCause(e);
            throw cancelled;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot happen: a no-op failed", e);
        }
    }

    /** Runs the recordings still queued (each bounded by its sink: the disk, the producer's max.block.ms), then ends. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            while (!thread.awaitTermination(1, TimeUnit.MINUTES)) {
                // each queued recording ends on its own
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }
}
