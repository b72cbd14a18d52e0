package io.tandem.core.sink;

import io.tandem.core.cluster.Backoff;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * the writes the engine decided about, and sends the others again, after a backoff for transient failures or in
 * halves for a request the engine found too large or invalid. One request of a batch is out at a time, so a batch
 * is what holds one of the writer's in-flight slots, retries included: when the cluster is overloaded, the writer
 * stops taking new work instead of piling up retries.
 *
 * <p>Answers are handled on the writer's executor, never on the HTTP client's I/O threads, which must not block.
 */
final class BulkSender {

    private static final Logger LOG = LoggerFactory.getLogger(BulkSender.class);
    private static final ContentType NDJSON = ContentType.create("application/x-ndjson");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Only what {@link BulkResponseClassifier} reads: each item's status and error. The engines answer with every
     * item's index, id, version, shards, sequence number and result besides, eight times as many bytes to receive
     * and parse. The engines do not filter error answers; {@code error} and {@code status} are listed so that one
     * which did would still give its reason.
     */
    static final String FILTER_PATH = "items.*.status,items.*.error,error,status";

    private final RestClient client;
    private final Backoff backoff;
    private final BulkMetrics metrics;
    private final ScheduledExecutorService executor;
    private final Runnable afterEachWrite;

    /**
     * @param executor       single-threaded: handles answers, and runs retries when their backoff has passed
     * @param afterEachWrite run after each write's future was completed
     */
    BulkSender(RestClient client, Backoff backoff, BulkMetrics metrics, ScheduledExecutorService executor,
               Runnable afterEachWrite) {
        this.client = client;
        this.backoff = backoff;
        this.metrics = metrics;
        this.executor = executor;
        this.afterEachWrite = afterEachWrite;
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

        Flight(BulkBatch batch, Runnable whenResolved) {
            this.work.add(batch);
            this.whenResolved = whenResolved;
        }

        void sendNext() {
            BulkBatch batch = work.pollFirst();
            if (batch == null) {
                whenResolved.run();
                return;
            }
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
                JsonNode json = JSON.readTree(EntityUtils.toByteArray(response.getEntity()));
                verdicts = BulkResponseClassifier.classifyItems(batch.writes().stream().map(PendingWrite::operation)
                        .toList(), json);
            } catch (IOException | RuntimeException unreadable) {
                retryLater(batch.retry(batch.writes()), "unreadable _bulk response: "
                        + BulkResponseClassifier.describe(unreadable));
                return;
            }
            List<PendingWrite> again = new ArrayList<>();
            String retryReason = null;
            for (int i = 0; i < verdicts.size(); i++) {
                ItemVerdict verdict = verdicts.get(i);
                PendingWrite write = batch.writes().get(i);
                if (verdict.disposition() == ItemVerdict.Disposition.RETRY) {
                    again.add(write);
                    retryReason = retryReason == null ? verdict.reason() : retryReason;
                } else {
                    complete(write, verdict.outcome(), verdict.reason());
                }
            }
            if (again.isEmpty()) {
                sendNext();
            } else {
                retryLater(batch.retry(again), retryReason);
            }
        }

        private void failed(BulkBatch batch, Exception failure) {
            RequestVerdict verdict = BulkResponseClassifier.classifyFailure(failure);
            if (verdict.action() == RequestVerdict.Action.RETRY) {
                retryLater(batch.retry(batch.writes()), verdict.reason());
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

        private void retryLater(BulkBatch again, String reason) {
            Duration delay = backoff.delay(again.retries());
            metrics.retried(again.size());
            // never given up on: the consumer must not commit past a write the new index does not hold
            LOG.warn("retry #{} of {} write(s) in {} ms: {}", again.retries(), again.size(), delay.toMillis(), reason);
            work.addFirst(again);
            try {
                executor.schedule(this::sendNext, delay.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closed) {
                LOG.warn("writer stopped: {} write(s) left unwritten", again.size());
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

    private void complete(PendingWrite write, WriteOutcome outcome, String reason) {
        metrics.completed(outcome);
        write.complete(outcome, reason);
        afterEachWrite.run();
    }
}
