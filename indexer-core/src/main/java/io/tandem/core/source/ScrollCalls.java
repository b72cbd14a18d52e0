package io.tandem.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.core.cluster.EngineCall;
import io.tandem.core.cluster.RetryPolicy;
import io.tandem.core.cluster.Sleeper;
import io.tandem.core.json.JsonMappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.apache.http.ContentTooLongException;
import org.apache.http.HttpEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;

/**
 * Sends the reader's requests: retries what may succeed later, and reads answers keeping every {@code _source}
 * exactly as the engine sent it.
 *
 * <p>What is tried again is what the one classification of engine errors says may pass ({@link
 * EngineCall.Reply#mayPass}: 429, 5xx, a closed index, ...), waiting as the {@link RetryPolicy} says. Retrying a
 * scroll request is sound for such refusals (nothing was read) and the scroll id stays valid within its keep-alive. A
 * timed-out request the engine did answer would, when retried, move on to the next page; the reader notices that at the end of the slice, where it compares what it read with the scroll's total.
 */
final class ScrollCalls {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ScrollCalls.class);

    private final RestClient client;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    /** Requests sent, retries included: what the reading cost the source, with {@link SlicedScrollReader#pages()}. */
    private final LongAdder sent = new LongAdder();

    ScrollCalls(RestClient client, RetryPolicy retry, Sleeper sleeper) {
        this.client = Objects.requireNonNull(client, "client");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * An answer as the engine sent it. A page is read from {@link #body()} by {@link ScrollPage#read}, without a tree
     * of the whole answer; anything else through {@link #reply()}.
     *
     * @param request e.g. {@code POST /_search/scroll}
     * @param body    empty when the answer had none
     */
    record Answer(String request, int status, byte[] body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The answer as a tree ({@link EngineCall#tree}: a refusal that is not JSON is {@code {"error": text}}). */
        EngineCall.Reply reply() {
            return new EngineCall.Reply(request, status, EngineCall.tree(request, status, body, JsonMappers.SOURCE));
        }
    }

    /**
     * The engine's answer: a success, or a refusal that trying again would not change (a 404, a 400). Refusals
     * that might pass, and transport failures, are tried again; when they outlast the retries they throw
     * (IllegalStateException, UncheckedIOException), with {@code label} naming what was being read.
     */
    Answer send(String label, String method, String endpoint, JsonNode body) throws InterruptedException {
        String request = method + " " + endpoint;
        long firstFailure = 0;
        for (int attempt = 1; ; attempt++) {
            String problem;
            try {
                Answer answer = once(request, method, endpoint, body);
                if (answer.ok() || !answer.reply().mayPass()) {
                    return answer;
                }
                problem = answer.reply().failure();
                firstFailure = attempt == 1 ? System.nanoTime() : firstFailure;
                if (retry.lastAttempt(attempt, Duration.ofNanos(System.nanoTime() - firstFailure))) {
                    throw new IllegalStateException(label + ": " + problem + " (gave up after " + attempt + " tries)");
                }
            } catch (IOException e) {
                if (tooLong(e)) {
                    // the REST client buffers a whole answer, up to 100 MiB unless configured otherwise: no retry helps
                    throw new IllegalStateException(label + ": " + request + ": the answer exceeded the REST client's "
                            + "response buffer (" + e.getMessage() + "): lower pageSize", e);
                }
                problem = request + " failed: " + EngineCall.transportFailure(client, e);
                firstFailure = attempt == 1 ? System.nanoTime() : firstFailure;
                if (retry.lastAttempt(attempt, Duration.ofNanos(System.nanoTime() - firstFailure))) {
                    throw new UncheckedIOException(label + ": " + problem + " (gave up after " + attempt + " tries)", e);
                }
            }
            Duration delay = retry.delayBefore(attempt);
            LOG.warn("{}: {}; retry {} in {} ms", label, problem, attempt, delay.toMillis());
            sleeper.sleep(delay);
        }
    }

    /** Counts a request sent around these calls (the engine's identity, its shards, a clear). */
    void countOther() {
        sent.increment();
    }

    long sent() {
        return sent.sum();
    }

    /** The REST client wraps what its response consumer threw in a plain IOException. */
    private static boolean tooLong(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ContentTooLongException) {
                return true;
            }
        }
        return false;
    }

    private Answer once(String description, String method, String endpoint, JsonNode body)
            throws IOException, InterruptedException {
        sent.increment();
        Response response;
        try {
            response = EngineCall.perform(client, method, endpoint, body);
        } catch (RuntimeException e) {
            if (Thread.interrupted()) {
                // the REST client reports an interrupted wait as a RuntimeException, with the flag set again
                InterruptedException interrupted = new InterruptedException(description + ": interrupted");
                interrupted.initCause(e);
                throw interrupted;
            }
            throw e;
        }
        HttpEntity entity = response.getEntity();
        // the client buffered the whole answer already; a page is then parsed from these bytes, not into a tree
        byte[] bytes = entity == null ? new byte[0] : EntityUtils.toByteArray(entity);
        return new Answer(description, response.getStatusLine().getStatusCode(), bytes);
    }
}
