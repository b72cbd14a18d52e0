package io.tandem.core.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.cluster.ClusterClients;
import io.tandem.core.cluster.ClusterSettings;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The writer against a tiny in-test HTTP server ({@link FakeBulkServer}, JDK {@code com.sun.net.httpserver}) that
 * answers canned {@code _bulk} responses shaped exactly as Elasticsearch documents them ({@link EsResponses}):
 * batching, the request format, backpressure, outcomes, retries, splitting, flush/close and metrics.
 */
@Timeout(60)
class VersionedBulkWriterTest {

    private static final String PREFIX = "test.sink";
    /** Long enough never to fire within a test: these tests send partial batches with flush(). */
    private static final Duration NEVER = Duration.ofMinutes(10);
    private static final BulkSettings FAST_RETRIES = BulkSettings.defaults()
            .withFlushInterval(NEVER).withBackoff(Duration.ofMillis(5), Duration.ofMillis(20));

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private FakeBulkServer server(FakeBulkServer.Responder responder) {
        FakeBulkServer server = new FakeBulkServer(responder);
        toClose.add(server);
        return server;
    }

    private VersionedBulkWriter writer(RestClient client, BulkSettings settings) {
        VersionedBulkWriter writer = new VersionedBulkWriter(client, settings, registry, PREFIX);
        toClose.add(writer);
        return writer;
    }

    private static WriteRequest upsert(String id, long version) {
        return WriteRequest.upsert("books", id, version, Docs.object("{'title':'book " + id + "','v':" + version + "}"));
    }

    private static List<WriteResult<Object>> results(List<CompletableFuture<WriteResult<Object>>> futures) {
        return futures.stream().map(CompletableFuture::join).toList();
    }

    private List<CompletableFuture<WriteResult<Object>>> submitAll(VersionedBulkWriter writer, List<WriteRequest> writes) {
        return writes.stream().map(request -> writer.write(request, null)).toList();
    }

    private double count(String name, String... tags) {
        return registry.get(PREFIX + name).tags(tags).counter().count();
    }

    @Test
    void batchesAreCutAtMaxDocs() {
        FakeBulkServer server = server(FakeBulkServer::applyAll);
        VersionedBulkWriter writer = writer(server.client(), FAST_RETRIES.withMaxDocs(3).withMaxInFlight(1));

        List<CompletableFuture<WriteResult<Object>>> futures = submitAll(writer,
                IntStream.rangeClosed(1, 7).mapToObj(i -> upsert("id" + i, i)).toList());
        writer.flush();

        assertThat(server.batchSizes()).containsExactly(3, 3, 1);
        assertThat(results(futures)).extracting(WriteResult::outcome).containsOnly(WriteOutcome.APPLIED);
    }

    @Test
    void batchesAreCutBeforeTheBodyWouldExceedMaxBytes() {
        FakeBulkServer server = server(FakeBulkServer::applyAll);
        List<WriteRequest> writes = IntStream.rangeClosed(1, 5).mapToObj(i -> upsert("id" + i, i)).toList();
        int oneWrite = PendingWrite.of(writes.get(0), null, new CompletableFuture<>()).bytes();
        long maxBytes = 2L * oneWrite + oneWrite / 2;
        VersionedBulkWriter writer = writer(server.client(), FAST_RETRIES.withMaxBytes(maxBytes).withMaxInFlight(1));

        submitAll(writer, writes);
        writer.flush();

        assertThat(server.batchSizes()).containsExactly(2, 2, 1);
        assertThat(server.requests()).allSatisfy(request -> assertThat((long) request.body().length)
                .isLessThanOrEqualTo(maxBytes));
    }

    @Test
    void aWriteLargerThanMaxBytesGoesAlone() {
        FakeBulkServer server = server(FakeBulkServer::applyAll);
        VersionedBulkWriter writer = writer(server.client(), FAST_RETRIES.withMaxBytes(300).withMaxInFlight(1));
        WriteRequest large = WriteRequest.upsert("books", "large", 1, Docs.object("{'text':'" + "x".repeat(1000) + "'}"));

        List<CompletableFuture<WriteResult<Object>>> futures = submitAll(writer,
                List.of(upsert("a", 1), upsert("b", 1), large, upsert("c", 1)));
        writer.flush();

        assertThat(server.batchSizes()).containsExactly(2, 1, 1);
        assertThat(server.requests().get(1).actions().get(0).id()).isEqualTo("large");
        assertThat(results(futures)).extracting(WriteResult::outcome).containsOnly(WriteOutcome.APPLIED);
    }

    @Test
    void aPartialBatchIsSentOnceTheFlushIntervalHasPassed() throws Exception {
        FakeBulkServer server = server(FakeBulkServer::applyAll);
        VersionedBulkWriter writer = writer(server.client(), FAST_RETRIES.withFlushInterval(Duration.ofMillis(150)));

        long start = System.nanoTime();
        WriteResult result = writer.write(upsert("1", 1), null).get(10, TimeUnit.SECONDS); // no flush() called
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(result.outcome()).isEqualTo(WriteOutcome.APPLIED);
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(140);
        assertThat(server.batchSizes()).containsExactly(1);
    }

    @Test
    void eachWriteIsSentAsAnExternallyVersionedActionInAnNdjsonBulkRequest() {
        FakeBulkServer server = server(FakeBulkServer::applyAll);
        VersionedBulkWriter writer = writer(server.client(), FAST_RETRIES);

        writer.write(upsert("1", 41), null);
        writer.write(WriteRequest.delete("films", "2", 42), null);
        writer.flush();

        FakeBulkServer.Received request = server.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        // the answer is filtered down to what the classifier reads
        assertThat(request.path()).isEqualTo("/_bulk?filter_path=items.*.status%2Citems.*.error%2Cerror%2Cstatus");
        assertThat(request.contentType()).startsWith("application/x-ndjson");
        assertThat(request.actions()).extracting(FakeBulkServer.Action::type, FakeBulkServer.Action::index,
                        FakeBulkServer.Action::id, FakeBulkServer.Action::version, FakeBulkServer.Action::versionType)
                .containsExactly(
                        tuple("index", "books", "1", 41L, "external"),
                        tuple("delete", "films", "2", 42L, "external"));
        assertThat(request.actions().get(0).source()).isEqualTo(Docs.tree("{'title':'book 1','v':41}"));
        assertThat(request.actions()).allSatisfy(action -> assertThat(action.meta().has("_type")).isFalse());
    }

    @Test
    void submitBlocksWhileMaxInFlightRequestsAreOutAndTheBatchIsFull() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FakeBulkServer server = server(request -> {
            release.await();
            return FakeBulkServer.applyAll(request);
        });
        VersionedBulkWriter writer = writer(server.client(), FAST_RETRIES.withMaxDocs(1).withMaxInFlight(1));
        ExecutorService submitter = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<WriteResult<Object>> first = writer.write(upsert("1", 1), null);   // sent: the only slot is taken
            CompletableFuture<WriteResult<Object>> second = writer.write(upsert("2", 1), null);  // fills the batch, which waits
            AtomicReference<Thread> blocked = new AtomicReference<>();
            Future<CompletableFuture<WriteResult<Object>>> third = submitter.submit(() -> {
                blocked.set(Thread.currentThread());
                return writer.write(upsert("3", 1), null);
            });

            awaitState(blocked, Thread.State.WAITING);
            assertThat(third.isDone()).isFalse();
            assertThat(writer.pending()).isEqualTo(2);

            release.countDown();
            List<WriteResult<Object>> results = results(List.of(first, second, third.get(10, TimeUnit.SECONDS)));
            writer.flush();

            assertThat(results).extracting(WriteResult::outcome).containsOnly(WriteOutcome.APPLIED);
            assertThat(writer.pending()).isZero();
            assertThat(server.batchSizes()).containsExactly(1, 1, 1);
        } finally {
            release.countDown();
            submitter.shutdownNow();
        }
    }

    @Test
    void aBlockedSubmitterThatIsInterruptedGivesUpWithoutTheWrite() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FakeBulkServer server = server(request -> {
            release.await();
            return FakeBulkServer.applyAll(request);
        });
        VersionedBulkWriter writer = writer(server.client(), FAST_RETRIES.withMaxDocs(1).withMaxInFlight(1));
        ExecutorService submitter = Executors.newSingleThreadExecutor();
        try {
            writer.write(upsert("1", 1), null);
            writer.write(upsert("2", 1), null);
            AtomicReference<Thread> blocked = new AtomicReference<>();
            AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
            Future<?> third = submitter.submit(() -> {
                blocked.set(Thread.currentThread());
                try {
                    return writer.write(upsert("3", 1), null);
                } finally {
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                }
            });
            awaitState(blocked, Thread.State.WAITING);

            blocked.get().interrupt();

            assertThatThrownBy(() -> third.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(CancellationException.class);
            assertThat(stillInterrupted.get()).isTrue();
            release.countDown();
            writer.flush();
            assertThat(server.requests()).flatExtracting(FakeBulkServer.Received::actions)
                    .extracting(FakeBulkServer.Action::id).containsExactly("1", "2");
        } finally {
            release.countDown();
            submitter.shutdownNow();
        }
    }

    @Test
    void eachItemEndsAppliedStaleOrRejectedAndIsCounted() {
        Map<String, Function<FakeBulkServer.Action, String>> answers = Map.of(
                "new", a -> EsResponses.created(a.index(), a.id(), a.version()),
                "old", a -> EsResponses.versionConflict(a.type(), a.index(), a.id(), 9, a.version()),
                "bad", a -> EsResponses.error(a.type(), a.index(), a.id(), 400, "mapper_parsing_exception",
                        "failed to parse field [year] of type [long] in document with id 'bad'"),
                "never-existed", a -> EsResponses.deleteNotFound(a.index(), a.id(), a.version()));
        FakeBulkServer server = server(request -> FakeBulkServer.Answer.ok(EsResponses.bulk(request.actions()
                .stream().map(action -> answers.get(action.id()).apply(action)).toList())));
        VersionedBulkWriter writer = writer(server.client(), FAST_RETRIES);

        List<CompletableFuture<WriteResult<Object>>> futures = submitAll(writer, List.of(upsert("new", 3), upsert("old", 3),
                upsert("bad", 3), WriteRequest.delete("books", "never-existed", 3)));
        writer.flush();

        assertThat(results(futures)).extracting(WriteResult::outcome, WriteResult::reason).containsExactly(
                tuple(WriteOutcome.APPLIED, null),
                tuple(WriteOutcome.STALE, "version_conflict_engine_exception: [old]: "
                        + "version conflict, current version [9] is higher or equal to the one provided [3]"),
                tuple(WriteOutcome.REJECTED, "mapper_parsing_exception: failed to parse "
                        + "field [year] of type [long] in document with id 'bad'"),
                tuple(WriteOutcome.APPLIED, null));
        assertThat(futures).allSatisfy(future -> assertThat(future).isCompletedWithValueMatching(r -> true));
        assertThat(count(".items", "outcome", "applied")).isEqualTo(2);
        assertThat(count(".items", "outcome", "stale")).isEqualTo(1);
        assertThat(count(".items", "outcome", "rejected")).isEqualTo(1);
        assertThat(count(".retries")).isZero();
    }

    @Test
    void aWriteIsSentAsItsRequestSaysAndEndsWithItsIdOutcomeAndReason() {
        Map<String, Function<FakeBulkServer.Action, String>> answers = Map.of(
                "new", a -> EsResponses.created(a.index(), a.id(), a.version()),
                "old", a -> EsResponses.versionConflict(a.type(), a.index(), a.id(), 9, a.version()),
                "bad", a -> EsResponses.error(a.type(), a.index(), a.id(), 400, "mapper_parsing_exception", "bad year"));
        FakeBulkServer server = server(request -> FakeBulkServer.Answer.ok(EsResponses.bulk(request.actions()
                .stream().map(action -> answers.get(action.id()).apply(action)).toList())));
        VersionedBulkWriter writer = writer(server.client(), FAST_RETRIES);
        WriteRequest asSubmitted = upsert("new", 3);

        List<CompletableFuture<WriteResult<Object>>> futures = List.of(
                writer.write(WriteRequest.upsert("books", "new", 3, asSubmitted.document()), null),
                writer.write(WriteRequest.upsert("books", "old", 3, Docs.object("{'v':3}")), null),
                writer.write(WriteRequest.upsert("books", "bad", 3, Docs.object("{'year':'x'}")), null));
        writer.write(asSubmitted, null);
        writer.flush();

        assertThat(futures.stream().map(CompletableFuture::join)).extracting(WriteResult::id, WriteResult::outcome,
                WriteResult::reason).containsExactly(
                tuple("new", WriteOutcome.APPLIED, null),
                tuple("old", WriteOutcome.STALE, "version_conflict_engine_exception: [old]: "
                        + "version conflict, current version [9] is higher or equal to the one provided [3]"),
                tuple("bad", WriteOutcome.REJECTED, "mapper_parsing_exception: bad year"));
        // the same lines whether the request was built from its parts or given whole
        List<FakeBulkServer.Action> actions = server.requests().get(0).actions();
        assertThat(actions.get(0).meta()).isEqualTo(actions.get(3).meta());
        assertThat(actions.get(0).source()).isEqualTo(actions.get(3).source());
        assertThat(count(".items", "outcome", "applied")).isEqualTo(2);
        assertThat(count(".items", "outcome", "stale")).isEqualTo(1);
        assertThat(count(".items", "outcome", "rejected")).isEqualTo(1);
    }

    @Test
    void aWriteHoldsNoReferenceToItsDocumentWhileInFlight() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FakeBulkServer server = server(request -> {
            release.await();
            return FakeBulkServer.applyAll(request);
        });
        VersionedBulkWriter writer = writer(server.client(), FAST_RETRIES);
        try {
            ObjectNode document = Docs.object("{'title':'held only as bytes'}");
            WeakReference<ObjectNode> reference = new WeakReference<>(document);
            CompletableFuture<WriteResult<Object>> status = writer.write(WriteRequest.upsert("books", "1", 1, document), null);
            document = null;
            CompletableFuture<Void> flushed = CompletableFuture.runAsync(writer::flush);

            // the write is out and unanswered, yet its document can be collected
            for (int i = 0; i < 50 && reference.get() != null; i++) {
                System.gc();
                Thread.sleep(20);
            }
            assertThat(reference.get()).isNull();
            assertThat(status).isNotDone();

            release.countDown();
            flushed.get(10, TimeUnit.SECONDS);
            assertThat(status.join().outcome()).isEqualTo(WriteOutcome.APPLIED);
            assertThat(server.requests().get(0).actions().get(0).source())
                    .isEqualTo(Docs.tree("{'title':'held only as bytes'}"));
        } finally {
            release.countDown();
        }
    }

    @Test
    void anItemRefusedWith429IsRetriedAloneUntilApplied() {
        FakeBulkServer server = server(request -> FakeBulkServer.Answer.ok(EsResponses.bulk(request.actions().stream()
                .map(a -> request.number() <= 2 && a.id().equals("b")
                        ? EsResponses.rejectedExecution(a.type(), a.index(), a.id())
                        : FakeBulkServer.applied(a))
                .toList())));
        VersionedBulkWriter writer = writer(server.client(), FAST_RETRIES);

        List<CompletableFuture<WriteResult<Object>>> futures = submitAll(writer,
                List.of(upsert("a", 1), upsert("b", 1), upsert("c", 1)));
        writer.flush();

        assertThat(server.batchSizes()).containsExactly(3, 1, 1);
        assertThat(server.requests().get(1).actions()).extracting(FakeBulkServer.Action::id).containsExactly("b");
        assertThat(results(futures)).extracting(WriteResult::outcome).containsOnly(WriteOutcome.APPLIED);
        assertThat(count(".retries")).isEqualTo(2);
        assertThat(count(".items", "outcome", "applied")).isEqualTo(3);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {429, 500, 502, 503, 504})
    void aRequestFailingAsAWholeIsRetriedWithAllItsWrites(int status) {
        FakeBulkServer server = server(request -> request.number() <= 2
                ? new FakeBulkServer.Answer(status, EsResponses.requestError(status, "es_rejected_execution_exception",
                        "rejected execution of coordinating operation"))
                : FakeBulkServer.applyAll(request));
        VersionedBulkWriter writer = writer(server.client(), FAST_RETRIES);

        List<CompletableFuture<WriteResult<Object>>> futures = submitAll(writer,
                List.of(upsert("a", 1), upsert("b", 1), WriteRequest.delete("books", "c", 1)));
        writer.flush();

        assertThat(server.batchSizes()).containsExactly(3, 3, 3);
        assertThat(results(futures)).extracting(WriteResult::outcome).containsOnly(WriteOutcome.APPLIED);
        assertThat(count(".retries")).isEqualTo(6);
    }

    @Test
    void aDroppedConnectionIsRetried() {
        FakeBulkServer server = server(request -> request.number() == 1
                ? FakeBulkServer.Answer.DROP : FakeBulkServer.applyAll(request));
        VersionedBulkWriter writer = writer(server.client(), FAST_RETRIES);

        CompletableFuture<WriteResult<Object>> future = writer.write(upsert("a", 1), null);
        writer.flush();

        assertThat(future.join().outcome()).isEqualTo(WriteOutcome.APPLIED);
        assertThat(server.batchSizes()).containsExactly(1, 1);
    }

    @Test
    void anAnswerSlowerThanTheRequestTimeoutIsRetried() throws Exception {
        FakeBulkServer server = server(request -> {
            if (request.number() == 1) {
                Thread.sleep(1500);
            }
            return FakeBulkServer.applyAll(request);
        });
        try (RestClient client = ClusterClients.create(ClusterSettings.of(server.url())
                .withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(1)))) {
            VersionedBulkWriter writer = new VersionedBulkWriter(client, FAST_RETRIES, registry, PREFIX);
            CompletableFuture<WriteResult<Object>> future = writer.write(upsert("a", 1), null);
            writer.close();

            assertThat(future.join().outcome()).isEqualTo(WriteOutcome.APPLIED);
            assertThat(count(".retries")).isEqualTo(1);
        }
    }

    @Test
    void anUnreadableAnswerIsRetried() {
        FakeBulkServer server = server(request -> request.number() == 1
                ? FakeBulkServer.Answer.ok("<html>proxy says hello</html>") : FakeBulkServer.applyAll(request));
        VersionedBulkWriter writer = writer(server.client(), FAST_RETRIES);

        CompletableFuture<WriteResult<Object>> future = writer.write(upsert("a", 1), null);
        writer.flush();

        assertThat(future.join().outcome()).isEqualTo(WriteOutcome.APPLIED);
        assertThat(server.batchSizes()).containsExactly(1, 1);
    }

    @Test
    void aRequestTooLargeIsSplitInHalvesUntilTheOversizedWriteAloneIsRejected() {
        int limit = 1000;
        FakeBulkServer server = server(request -> request.body().length > limit
                ? new FakeBulkServer.Answer(413, "") : FakeBulkServer.applyAll(request));
        VersionedBulkWriter writer = writer(server.client(), FAST_RETRIES);
        WriteRequest huge = WriteRequest.upsert("books", "huge", 1, Docs.object("{'text':'" + "x".repeat(2000) + "'}"));

        List<CompletableFuture<WriteResult<Object>>> futures = submitAll(writer,
                List.of(upsert("a", 1), upsert("b", 1), huge, upsert("c", 1), upsert("d", 1)));
        writer.flush();

        // [a b huge c d] -> 413 -> [a b] ok, [huge c d] -> 413 -> [huge] 413 alone, [c d] ok
        assertThat(server.batchSizes()).containsExactly(5, 2, 3, 1, 2);
        List<WriteResult<Object>> results = results(futures);
        assertThat(results.get(2).outcome()).isEqualTo(WriteOutcome.REJECTED);
        assertThat(results.get(2).reason()).startsWith("http_413: ").contains("http.max_content_length");
        assertThat(List.of(results.get(0), results.get(1), results.get(3), results.get(4)))
                .extracting(WriteResult::outcome).containsOnly(WriteOutcome.APPLIED);
        assertThat(count(".retries")).isZero();
    }

    @Test
    void aRequestRefusedAsInvalidIsSplitToRejectOnlyTheWriteAtFault() {
        String longId = "x".repeat(600);
        String reason = "Validation Failed: 1: id [" + longId + "] is too long, must be no longer than 512 bytes but "
                + "was: 600;";
        FakeBulkServer server = server(request -> request.actions().stream().anyMatch(a -> a.id().equals(longId))
                ? new FakeBulkServer.Answer(400, EsResponses.requestError(400, "action_request_validation_exception",
                        reason))
                : FakeBulkServer.applyAll(request));
        VersionedBulkWriter writer = writer(server.client(), FAST_RETRIES);

        List<CompletableFuture<WriteResult<Object>>> futures = submitAll(writer,
                List.of(upsert("a", 1), upsert("b", 1), upsert("c", 1), upsert(longId, 1)));
        writer.flush();

        assertThat(results(futures)).extracting(WriteResult::outcome).containsExactly(WriteOutcome.APPLIED,
                WriteOutcome.APPLIED, WriteOutcome.APPLIED, WriteOutcome.REJECTED);
        assertThat(futures.get(3).join().reason()).isEqualTo("action_request_validation_exception: " + reason);
    }

    @Test
    void flushWaitsUntilWritesBeingRetriedAreApplied() {
        FakeBulkServer server = server(request -> request.number() <= 3
                ? new FakeBulkServer.Answer(503, EsResponses.requestError(503, "unavailable_shards_exception",
                        "[books][0] primary shard is not active"))
                : FakeBulkServer.applyAll(request));
        VersionedBulkWriter writer = writer(server.client(), FAST_RETRIES.withMaxDocs(2));

        List<CompletableFuture<WriteResult<Object>>> futures = submitAll(writer,
                IntStream.range(0, 5).mapToObj(i -> upsert("id" + i, 1)).toList());
        writer.flush();

        assertThat(writer.pending()).isZero();
        assertThat(futures).allMatch(CompletableFuture::isDone);
        assertThat(results(futures)).extracting(WriteResult::outcome).containsOnly(WriteOutcome.APPLIED);
        assertThat(registry.get(PREFIX + ".in_flight").gauge().value()).isZero();
    }

    @Test
    void closeFlushesThenRefusesWritesAndRemovesItsGauge() {
        FakeBulkServer server = server(FakeBulkServer::applyAll);
        VersionedBulkWriter writer = new VersionedBulkWriter(server.client(), FAST_RETRIES, registry, PREFIX);

        CompletableFuture<WriteResult<Object>> future = writer.write(upsert("a", 1), null);
        writer.close();

        assertThat(future).isDone();
        assertThat(future.join().outcome()).isEqualTo(WriteOutcome.APPLIED);
        assertThatThrownBy(() -> writer.write(upsert("b", 1), null)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the bulk writer is closed");
        assertThat(registry.find(PREFIX + ".in_flight").gauge()).isNull();
        writer.close(); // a second close is harmless
    }

    @Test
    void writesFromConcurrentSubmittersAreAllWrittenOnce() throws Exception {
        FakeBulkServer server = server(FakeBulkServer::applyAll);
        VersionedBulkWriter writer = writer(server.client(), FAST_RETRIES.withMaxDocs(50)
                .withFlushInterval(Duration.ofMillis(20)));
        ExecutorService submitters = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<CompletableFuture<WriteResult<Object>>>>> perThread = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                perThread.add(submitters.submit(() -> submitAll(writer, IntStream.range(0, 250)
                        .mapToObj(i -> upsert(thread + "-" + i, i)).toList())));
            }
            List<CompletableFuture<WriteResult<Object>>> futures = new ArrayList<>();
            for (Future<List<CompletableFuture<WriteResult<Object>>>> f : perThread) {
                futures.addAll(f.get(30, TimeUnit.SECONDS));
            }
            writer.flush();

            assertThat(results(futures)).extracting(WriteResult::outcome).containsOnly(WriteOutcome.APPLIED);
            List<String> sentIds = server.requests().stream().flatMap(r -> r.actions().stream())
                    .map(FakeBulkServer.Action::id).toList();
            assertThat(sentIds).hasSize(1000).doesNotHaveDuplicates();
            assertThat(server.batchSizes()).allMatch(size -> size <= 50);
        } finally {
            submitters.shutdownNow();
        }
    }

    @Test
    void metricsDescribeTheRequestsSent() {
        FakeBulkServer server = server(FakeBulkServer::applyAll);
        VersionedBulkWriter writer = writer(server.client(), FAST_RETRIES.withMaxDocs(2).withMaxInFlight(1));

        submitAll(writer, IntStream.range(0, 3).mapToObj(i -> upsert("id" + i, 1)).toList());
        writer.flush();

        long bodyBytes = server.requests().stream().mapToLong(r -> r.body().length).sum();
        assertThat(registry.get(PREFIX + ".bulk.latency").timer().count()).isEqualTo(2);
        assertThat(registry.get(PREFIX + ".bulk.bytes").summary().count()).isEqualTo(2);
        assertThat(registry.get(PREFIX + ".bulk.bytes").summary().totalAmount()).isEqualTo(bodyBytes);
        assertThat(registry.get(PREFIX + ".in_flight").gauge().value()).isZero();
        assertThat(count(".items", "outcome", "applied")).isEqualTo(3);
        assertThat(registry.get(PREFIX + ".items").counters()).hasSize(3);
    }

    @Test
    void aBlankMetricsPrefixIsRefused() {
        FakeBulkServer server = server(FakeBulkServer::applyAll);

        assertThatThrownBy(() -> new VersionedBulkWriter(server.client(), FAST_RETRIES, registry, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("metricsPrefix: must not be empty");
    }

    private static void awaitState(AtomicReference<Thread> thread, Thread.State state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.get() == null || thread.get().getState() != state) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("thread did not reach " + state + ": " + thread.get());
            }
            Thread.sleep(10);
        }
        // WAITING could be a brief lock hand-over: it must last
        Thread.sleep(200);
        assertThat(thread.get().getState()).isEqualTo(state);
    }
}
