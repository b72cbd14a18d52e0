package io.tandem.core.sink;

import io.tandem.core.cluster.Backoff;
import io.tandem.core.cluster.ClusterCondition;
import io.tandem.core.cluster.ClusterConditionException;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.elasticsearch.client.RestClient;

/**
 * Writes {@link WriteRequest}s to a cluster through {@code _bulk} with {@code version_type=external}, so that the
 * live consumer and the backfill, writing into one version space, leave the newest state of every document whatever
 * order their writes arrive in.
 *
 * <p>Writes are batched by count ({@link BulkSettings#maxDocs()}) and body size ({@link BulkSettings#maxBytes()});
 * a partial batch goes after {@link BulkSettings#flushInterval()}. Up to {@link BulkSettings#maxInFlight()} batches
 * are written at once, each one request at a time, asynchronously (no thread per request). When that many are out
 * and the batch being filled is full, {@link #write} blocks until one is done: backpressure for the caller.
 *
 * <p>Every write ends {@link WriteOutcome#APPLIED}, {@link WriteOutcome#STALE} or {@link WriteOutcome#REJECTED}
 * (a fault of its own document: mapping, parsing, size), unless the writer stops (below). What the engine says about
 * the cluster rather than the document is classified once, by {@link ClusterCondition} (its class comment has the
 * table), and is never a write's outcome. Failures that may pass (connection, timeouts, 429, 5xx, a write block,
 * disk flood stage, a closed index) are retried with exponential backoff and jitter for as long as it takes, each
 * retry logged at WARN naming the condition and the index: a write is never dropped, since the consumer must not
 * commit past a change the new index does not hold. Hence {@link #flush()} and {@link #close()} wait as long as the
 * cluster is unreachable or the index blocked; interrupting the waiting thread ends the wait.
 *
 * <p><b>Stopping.</b> A condition that does not pass until someone changes the cluster or Tandem's settings (a
 * missing index the cluster does not create, an alias without write index, an invalid index name, 401, 403
 * {@code security_exception}), answered three times in a row, stops the writer with a {@link ClusterConditionException}
 * naming it (logged at ERROR): every write without an outcome yet, submitted before or waiting for a retry, completes
 * exceptionally with it (the future with that exception itself, not wrapped); {@link #write},
 * {@link #flush()} and {@link #close()} throw it (each time a new instance, {@link ClusterConditionException#again});
 * {@link #stopped()} tells. Writes that did get an outcome keep it. A caller stops too, without committing or
 * checkpointing past a failed write, and a restart sends it again once someone has fixed the cause.
 *
 * <p>Futures complete on the writer's own thread: stages attached to them must not block (in particular must not
 * call {@link #write}, {@link #flush} or {@link #close}); use the {@code *Async} variants for anything slow.
 *
 * <p>The writer does not own the {@link RestClient}: close the writer first, then the client. One writer per metrics
 * prefix and registry at a time.
 *
 * <p>With external versioning, a delete leaves a tombstone that refuses older writes only for the index's
 * {@code index.gc_deletes} (60 s by default); a target index must keep tombstones for as long as an older write of
 * the same id may still arrive (the backfill's duration).
 */
public final class VersionedBulkWriter implements VersionedWrites, AutoCloseable {

    private final BulkSettings settings;
    private final BulkMetrics metrics;
    private final ScheduledThreadPoolExecutor executor;
    private final BulkSender sender;

    private final ReentrantLock lock = new ReentrantLock();
    /** A batch finished: a blocked submitter may go on. */
    private final Condition slotFreed = lock.newCondition();
    /** No write pending and no batch in flight. */
    private final Condition idle = lock.newCondition();
    private final AtomicInteger pending = new AtomicInteger();

    // guarded by lock
    private final BatchBuilder filling;
    private long fillingNumber;
    private ScheduledFuture<?> flushTimer;
    private int inFlight;
    private boolean closed;
    /** Why the writer stopped, or null; written holding the lock. */
    private volatile ClusterConditionException stoppedBy;

    /**
     * @param client        where to write; not closed by this writer
     * @param settings      batching, concurrency and backoff
     * @param registry      where the meters go ({@link BulkMetrics} lists them)
     * @param metricsPrefix the meters' name prefix, e.g. {@code tandem.consumer.sink}
     */
    public VersionedBulkWriter(RestClient client, BulkSettings settings, MeterRegistry registry, String metricsPrefix) {
        Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(registry, "registry");
        if (metricsPrefix == null || metricsPrefix.isBlank()) {
            throw new IllegalArgumentException("metricsPrefix: must not be empty");
        }
        this.metrics = new BulkMetrics(registry, metricsPrefix);
        this.filling = new BatchBuilder(settings.maxDocs(), settings.maxBytes());
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "bulk-writer-" + metricsPrefix);
            thread.setDaemon(true); // a writer left unclosed must not keep the JVM alive
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true); // flush timers of batches sent early would pile up otherwise
        this.sender = new BulkSender(client, new Backoff(settings.initialBackoff(), settings.maxBackoff()), metrics,
                executor, this::writeCompleted, this::senderStopped);
    }

    /**
     * Queues a write, the one way to write. Thread-safe. The document is serialized at once, and until the write is
     * done only its bytes, its id and {@code context} are held, never the request (many writes in flight, as the
     * backfill keeps, would otherwise hold their document trees): the caller may change the document once this
     * returns, and should pass as context only what it needs back (an id, the source bytes for a dead letter, a
     * record's offset), not the document. Blocks while {@code maxInFlight} batches are out and the batch being filled
     * has no room for this write.
     *
     * @param context handed back in the write's {@link WriteResult}, as given; may be null
     * @return completes with the write's final outcome, or exceptionally with a {@link ClusterConditionException}
     *         when the writer stops before the write has one
     * @throws ClusterConditionException when the writer has stopped (see the class comment)
     * @throws IllegalStateException     when the writer is closed
     * @throws CancellationException     when the calling thread is interrupted while blocked (the write was not
     *                                   taken; the thread's interrupt flag stays set)
     */
    @Override
    public <C> CompletableFuture<WriteResult<C>> write(WriteRequest request, C context) {
        Objects.requireNonNull(request, "request");
        CompletableFuture<WriteResult<C>> result = new CompletableFuture<>();
        // serialize outside the lock: other submitters go on meanwhile
        enqueue(PendingWrite.of(request, context, result));
        return result;
    }

    private void enqueue(PendingWrite write) {
        List<BulkBatch> toSend = new ArrayList<>(2);
        try {
            lock.lock();
            try {
                while (true) {
                    if (stoppedBy != null) {
                        throw stoppedBy.again();
                    }
                    if (closed) {
                        throw new IllegalStateException("the bulk writer is closed");
                    }
                    if (filling.accepts(write)) {
                        break;
                    }
                    if (inFlight < settings.maxInFlight()) {
                        toSend.add(takeFilling());
                    } else {
                        awaitOrCancel(slotFreed, "a free bulk request slot");
                    }
                }
                if (filling.isEmpty()) {
                    startFlushTimer();
                }
                filling.add(write);
                pending.incrementAndGet();
                takeSendable(toSend);
            } finally {
                lock.unlock();
            }
        } finally {
            // a batch taken before an interrupted wait must still go out: its writes count as pending, and
            // flush() and close() would otherwise wait for them forever
            dispatch(toSend);
        }
    }

    /** Writes submitted and not yet completed. */
    public int pending() {
        return pending.get();
    }

    /** Why the writer stopped (see the class comment), or empty while it runs. */
    public Optional<ClusterConditionException> stopped() {
        return Optional.ofNullable(stoppedBy);
    }

    /**
     * Sends the partial batch and waits until every submitted write has completed (also those other threads submit
     * meanwhile) and no request is out. Waits as long as the writes are being retried.
     *
     * @throws ClusterConditionException when the writer has stopped: every write has completed, those without an
     *                                   outcome exceptionally
     * @throws CancellationException     when the calling thread is interrupted (its interrupt flag stays set)
     */
    @Override
    public void flush() {
        List<BulkBatch> toSend = new ArrayList<>(1);
        lock.lock();
        try {
            markFillingDue(toSend);
        } finally {
            lock.unlock();
        }
        dispatch(toSend);
        lock.lock();
        try {
            // in flight too: a batch's slot is given back just after its last write completed
            while (pending.get() > 0 || inFlight > 0) {
                awaitOrCancel(idle, "submitted writes to complete");
            }
        } finally {
            lock.unlock();
        }
        if (stoppedBy != null) {
            throw stoppedBy.again();
        }
    }

    /**
     * Refuses further writes, flushes, then stops the writer's timers. Does not close the client. If the wait is
     * interrupted, the writes not yet completed are abandoned: their futures never complete.
     *
     * @throws ClusterConditionException when the writer has stopped (the first close only; the writer is closed all
     *                                   the same)
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            slotFreed.signalAll(); // blocked submitters learn that their write will not be taken
        } finally {
            lock.unlock();
        }
        try {
            flush();
        } finally {
            executor.shutdownNow();
            metrics.close();
        }
    }

    /** The batch being filled, as a request slot is taken for it. Holding the lock. */
    private BulkBatch takeFilling() {
        inFlight++;
        metrics.inFlight(inFlight);
        fillingNumber++;
        if (flushTimer != null) {
            flushTimer.cancel(false);
            flushTimer = null;
        }
        return filling.take();
    }

    /** Adds the batch being filled to {@code toSend} if it should go and a slot is free. Holding the lock. */
    private void takeSendable(List<BulkBatch> toSend) {
        if (filling.isSendable() && inFlight < settings.maxInFlight()) {
            toSend.add(takeFilling());
        }
    }

    /** Holding the lock: a partial batch is due now (a flush, its timer, a stop), sent when a slot is free. */
    private void markFillingDue(List<BulkBatch> toSend) {
        if (!filling.isEmpty()) {
            filling.markDue();
            takeSendable(toSend);
        }
    }

    /** Holding the lock, as the first write enters an empty batch. */
    private void startFlushTimer() {
        long number = fillingNumber;
        flushTimer = executor.schedule(() -> flushIntervalPassed(number), settings.flushInterval().toNanos(),
                TimeUnit.NANOSECONDS);
    }

    private void flushIntervalPassed(long number) {
        List<BulkBatch> toSend = new ArrayList<>(1);
        lock.lock();
        try {
            // the number tells whether the batch this timer was set for is still the one being filled
            if (number == fillingNumber) {
                markFillingDue(toSend);
            }
        } finally {
            lock.unlock();
        }
        dispatch(toSend);
    }

    /** Sends batches whose slots were taken, outside the lock. */
    private void dispatch(List<BulkBatch> batches) {
        for (BulkBatch batch : batches) {
            sender.send(batch, this::batchResolved);
        }
    }

    private void batchResolved() {
        List<BulkBatch> toSend = new ArrayList<>(1);
        lock.lock();
        try {
            inFlight--;
            metrics.inFlight(inFlight);
            slotFreed.signalAll();
            if (inFlight == 0 && pending.get() == 0) {
                idle.signalAll();
            }
            // a full or due batch may have been waiting for this slot
            takeSendable(toSend);
        } finally {
            lock.unlock();
        }
        dispatch(toSend);
    }

    /** The sender stopped on a cluster condition: on the writer's thread. */
    private void senderStopped(ClusterConditionException stop) {
        List<BulkBatch> toSend = new ArrayList<>(1);
        lock.lock();
        try {
            stoppedBy = stop;
            slotFreed.signalAll(); // blocked submitters learn that their write will not be taken
            // the writes waiting for a batch fail now, not when a timer or a flush would have sent them
            markFillingDue(toSend);
        } finally {
            lock.unlock();
        }
        dispatch(toSend);
    }

    private void writeCompleted() {
        if (pending.decrementAndGet() == 0) {
            lock.lock();
            try {
                idle.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private static void awaitOrCancel(Condition condition, String what) {
        try {
            condition.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException("interrupted while waiting for " + what);
            cancelled.initCause(e);
            throw cancelled;
        }
    }
}
