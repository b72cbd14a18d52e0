package io.tandem.core.sink;

import io.tandem.core.cluster.Backoff;
import io.tandem.core.cluster.ClusterCondition;
import io.tandem.core.cluster.ClusterConditionException;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Timer;
import io.tandem.core.json.JsonMappers;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseListener;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one batch to a final outcome for every write in it: sends it with {@code performRequestAsync}, completes
 * the writes the engine decided about, and sends the others again, after a backoff for failures that may pass or in
 * halves for a request the engine found too large or invalid. One request of a batch is out at a time, so a batch
 * is what holds one of the writer's in-flight slots, retries included: when the cluster is overloaded, the writer
 * stops taking new work instead of piling up retries.
 *
 * <p>A cluster condition that does not pass until someone acts ({@link ClusterCondition.Response#STOP}), answered
 * {@link #STOP_AFTER} times in a row for a batch, stops the sender: from then on every write that has no outcome yet,
 * in this batch or any other, fails with that {@link ClusterConditionException} instead of being sent (again), and
 * batches waiting for their backoff stop waiting.
 *
 * <p>Answers are handled on the writer's executor, never on the HTTP client's I/O threads, which must not block.
 */
final class BulkSender {

    private static final Logger LOG = LoggerFactory.getLogger(BulkSender.class);
    private static final ContentType NDJSON = ContentType.create("application/x-ndjson");

    /**
     * Only what {@link BulkResponseClassifier} reads: each item's status and error. The engines answer with every
     * item's index, id, version, shards, sequence number and result besides, eight times as many bytes to receive
     * and parse. The engines do not filter error answers; {@code error} and {@code status} are listed so that one
     * which did would still give its reason.
     */
    static final String FILTER_PATH = "items.*.status,items.*.error,error,status";

    /**
     * How many answers in a row must report a condition that stops the writer before it stops: one is not enough,
     * since OpenSearch 2.19 has been seen to answer a one-off 401 to valid credentials
     * (opensearch-project/security#5544); the retries between them take the initial backoff and its double.
     */
    static final int STOP_AFTER = 3;

    private final RestClient client;
    private final Backoff backoff;
    private final BulkMetrics metrics;
    private final ScheduledExecutorService executor;
    private final Runnable afterEachWrite;
    private final Consumer<ClusterConditionException> onStop;

    /** Why the sender stopped, or null while it runs. Set on the executor; read by whoever sends. */
    private volatile ClusterConditionException stopped;
    /** Flights waiting for their backoff to pass. Only touched on the executor. */
    private final Set<Flight> waiting = new HashSet<>();

    /**
     * @param executor       single-threaded: handles answers, and runs retries when their backoff has passed
     * @param afterEachWrite run after each write's future was completed (with an outcome or exceptionally)
     * @param onStop         run once, on the executor, when a condition stops the sender
     */
    BulkSender(RestClient client, Backoff backoff, BulkMetrics metrics, ScheduledExecutorService executor,
               Runnable afterEachWrite, Consumer<ClusterConditionException> onStop) {
        this.client = client;
        this.backoff = backoff;
        this.metrics = metrics;
        this.executor = executor;
        this.afterEachWrite = afterEachWrite;
        this.onStop = onStop;
    }

    /** Starts writing {@code batch}; {@code whenResolved} runs once every write in it has its outcome. */
    void send(BulkBatch batch, Runnable whenResolved) {
        new Flight(batch, whenResolved).sendNext();
    }

    /**
     * The requests of one batch, sent one after the other. Only one thread touches it at a time: each step is
     * handed to the next through the HTTP client or the executor.
     */
    private final class Flight {

        private final Deque<BulkBatch> work = new ArrayDeque<>();
        private final Runnable whenResolved;
        /** The retry waiting for its backoff, while this flight is in {@link #waiting}. */
        private ScheduledFuture<?> retry;

        Flight(BulkBatch batch, Runnable whenResolved) {
            this.work.add(batch);
            this.whenResolved = whenResolved;
        }

        void sendNext() {
            BulkBatch batch = work.pollFirst();
            while (batch != null && stopped != null) {
                fail(batch.writes(), stopped);
                batch = work.pollFirst();
            }
            if (batch == null) {
                whenResolved.run();
                return;
            }
            send(batch);
        }

        private void send(BulkBatch batch) {
            byte[] body = batch.body();
            Request request = new Request("POST", "/_bulk");
            request.addParameter("filter_path", FILTER_PATH);
            request.setEntity(new ByteArrayEntity(body, NDJSON));
            Timer.Sample sample = metrics.startRequest(body.length);
            try {
                client.performRequestAsync(request, new ResponseListener() {
                    @Override
                    public void onSuccess(Response response) {
                        handOff(() -> {
                            metrics.requestEnded(sample);
                            answered(batch, response);
                        });
                    }

                    @Override
                    public void onFailure(Exception failure) {
                        handOff(() -> {
                            metrics.requestEnded(sample);
                            failed(batch, failure);
                        });
                    }
                });
            } catch (RuntimeException clientTrouble) {
                // e.g. the client was closed under us: like any failed request, retried after a backoff
                handOff(() -> {
                    metrics.requestEnded(sample);
                    failed(batch, clientTrouble);
                });
            }
        }

        private void answered(BulkBatch batch, Response response) {
            List<ItemVerdict> verdicts;
            try {
                JsonNode json = JsonMappers.PLAIN.readTree(EntityUtils.toByteArray(response.getEntity()));
                verdicts = BulkResponseClassifier.classifyItems(batch.writes().stream().map(PendingWrite::operation)
                        .toList(), json);
            } catch (IOException | RuntimeException unreadable) {
                retryLater(batch.retry(batch.writes()), "unreadable _bulk response: "
                        + BulkResponseClassifier.describe(unreadable));
                return;
            }
            List<PendingWrite> again = new ArrayList<>();
            String retryReason = null;
            ClusterConditionException stop = null;
            for (int i = 0; i < verdicts.size(); i++) {
                ItemVerdict verdict = verdicts.get(i);
                PendingWrite write = batch.writes().get(i);
                if (verdict.isFinal()) {
                    complete(write, verdict.outcome(), verdict.reason());
                    continue;
                }
                again.add(write);
                if (verdict.disposition() == ItemVerdict.Disposition.STOP) {
                    stop = stop != null ? stop
                            : new ClusterConditionException(verdict.condition(), write.index(), verdict.reason());
                } else if (retryReason == null) {
                    retryReason = verdict.condition() == null ? verdict.reason()
                            : verdict.condition().describe(write.index()) + " [" + verdict.reason() + "]";
                }
            }
            if (stop != null) {
                stopOrConfirm(batch, again, stop);
            } else if (again.isEmpty()) {
                sendNext();
            } else {
                retryLater(batch.retry(again), retryReason);
            }
        }

        private void failed(BulkBatch batch, Exception failure) {
            RequestVerdict verdict = BulkResponseClassifier.classifyFailure(failure);
            String index = indexOf(batch);
            if (verdict.action() == RequestVerdict.Action.STOP) {
                stopOrConfirm(batch, batch.writes(), new ClusterConditionException(verdict.condition(), index,
                        verdict.reason()));
            } else if (verdict.action() == RequestVerdict.Action.RETRY) {
                retryLater(batch.retry(batch.writes()), verdict.condition() == null ? verdict.reason()
                        : verdict.condition().describe(index) + " [" + verdict.reason() + "]");
            } else if (batch.size() == 1) {
                PendingWrite write = batch.writes().get(0);
                complete(write, WriteOutcome.REJECTED, verdict.reason());
                sendNext();
            } else {
                LOG.warn("_bulk request of {} writes ({} bytes) refused as a whole ({}): sending each half alone",
                        batch.size(), batch.bytes(), verdict.reason());
                List<BulkBatch> halves = batch.halves();
                work.addFirst(halves.get(1));
                work.addFirst(halves.get(0));
                sendNext();
            }
        }

        /**
         * {@code again}, the writes of {@code batch} without an outcome, were answered with a condition that stops
         * the writer: stop once {@link #STOP_AFTER} answers in a row said so, else try them again to see it confirmed.
         */
        private void stopOrConfirm(BulkBatch batch, List<PendingWrite> again, ClusterConditionException stop) {
            if (batch.stops() + 1 >= STOP_AFTER) {
                stopSending(stop);
                fail(again, stop);
                sendNext();
            } else {
                retryLater(batch.retryToConfirmStop(again), stop.getMessage() + " (answer " + (batch.stops() + 1)
                        + " of " + STOP_AFTER + " in a row that stop the writer)");
            }
        }

        private void retryLater(BulkBatch again, String reason) {
            if (stopped != null) {
                // stopped meanwhile, by another batch's answer: nothing is sent again
                fail(again.writes(), stopped);
                sendNext();
                return;
            }
            Duration delay = backoff.delay(again.retries());
            metrics.retried(again.size());
            // never given up on while it may pass: the consumer must not commit past a write the new index lacks
            LOG.warn("retry #{} of {} write(s) in {} ms: {}", again.retries(), again.size(), delay.toMillis(), reason);
            work.addFirst(again);
            try {
                retry = executor.schedule(this::backoffPassed, delay.toNanos(), TimeUnit.NANOSECONDS);
                waiting.add(this);
            } catch (RejectedExecutionException closed) {
                LOG.warn("writer stopped: {} write(s) left unwritten", again.size());
            }
        }

        private void backoffPassed() {
            waiting.remove(this);
            retry = null;
            sendNext();
        }

        /** The sender stopped while this flight waited for its backoff: end the wait now. On the executor. */
        void wake() {
            if (retry != null && retry.cancel(false)) {
                backoffPassed();
            }
        }

        private void handOff(Runnable step) {
            try {
                executor.execute(step);
            } catch (RejectedExecutionException closed) {
                // the writer was stopped without waiting for its writes (an interrupted close): nothing to hand to
                LOG.warn("writer stopped: an answer to a _bulk request was dropped");
            }
        }
    }

    /** Stops the sender, once. On the executor. */
    private void stopSending(ClusterConditionException stop) {
        if (stopped != null) {
            return;
        }
        stopped = stop;
        LOG.error("bulk writer stopped, its writes not yet applied fail: {}", stop.getMessage());
        onStop.accept(stop);
        for (Flight flight : List.copyOf(waiting)) {
            flight.wake();
        }
    }

    /** The index a whole batch was written to, for a message: null when its writes went to several. */
    private static String indexOf(BulkBatch batch) {
        List<String> indices = batch.writes().stream().map(PendingWrite::index).distinct().limit(2).toList();
        return indices.size() == 1 ? indices.get(0) : null;
    }

    private void fail(List<PendingWrite> writes, ClusterConditionException stop) {
        for (PendingWrite write : writes) {
            write.fail(stop);
            afterEachWrite.run();
        }
    }

    private void complete(PendingWrite write, WriteOutcome outcome, String reason) {
        metrics.completed(outcome);
        write.complete(outcome, reason);
        afterEachWrite.run();
    }
}
