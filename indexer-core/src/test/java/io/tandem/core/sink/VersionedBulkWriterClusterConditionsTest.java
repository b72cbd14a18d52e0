package io.tandem.core.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.cluster.ClusterCondition;
import io.tandem.core.cluster.ClusterConditionException;
import io.tandem.core.cluster.EngineAnswers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The writer when the cluster, not the document, refuses writes ({@link ClusterCondition}), against the in-test
 * server answering as the engines do ({@link EngineAnswers}): what may pass is retried, never rejected, and logged
 * naming the condition and the index; what needs someone to act stops the writer, loudly, without a write being
 * taken for rejected.
 */
@Timeout(60)
class VersionedBulkWriterClusterConditionsTest {

    private static final String PREFIX = "test.conditions";
    private static final BulkSettings FAST_RETRIES = BulkSettings.defaults()
            .withFlushInterval(Duration.ofMinutes(10)).withBackoff(Duration.ofMillis(5), Duration.ofMillis(20));

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final LogLines log = new LogLines(BulkSender.class);
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        log.close();
    }

    private FakeBulkServer server(FakeBulkServer.Responder responder) {
        FakeBulkServer server = new FakeBulkServer(responder);
        toClose.add(server);
        return server;
    }

    private VersionedBulkWriter writer(FakeBulkServer server, BulkSettings settings) {
        VersionedBulkWriter writer = new VersionedBulkWriter(server.client(), settings, registry, PREFIX);
        toClose.add(() -> {
            try {
                writer.close();
            } catch (ClusterConditionException alreadyAsserted) {
                // a stopped writer reports its stop on close too
            }
        });
        return writer;
    }

    private static WriteRequest upsert(String index, String id) {
        return WriteRequest.upsert(index, id, 1, Docs.object("{'title':'" + id + "'}"));
    }

    private double count(String name, String... tags) {
        return registry.get(PREFIX + name).tags(tags).counter().count();
    }

    /** Every action of the first {@code times} requests fails with {@code error}; after that all are applied. */
    private static FakeBulkServer.Responder itemsFail(int times, int status, String error) {
        return request -> request.number() <= times
                ? FakeBulkServer.Answer.ok(EsResponses.bulk(request.actions().stream()
                        .map(a -> EsResponses.itemError(a.type(), a.index(), a.id(), status, error)).toList()))
                : FakeBulkServer.applyAll(request);
    }

    @Test
    void writesToAClosedIndexAreRetriedNeverRejectedAndTheWarningNamesTheConditionAndTheIndex() {
        FakeBulkServer server = server(itemsFail(3, 400, EngineAnswers.ES_INDEX_CLOSED));
        VersionedBulkWriter writer = writer(server, FAST_RETRIES);

        List<CompletableFuture<WriteResult<Object>>> futures = List.of(writer.write(upsert("books-v2", "a"), null),
                writer.write(WriteRequest.delete("books-v2", "b", 2), null));
        writer.flush();

        assertThat(futures).extracting(f -> f.join().outcome()).containsOnly(WriteOutcome.APPLIED);
        assertThat(server.batchSizes()).containsExactly(2, 2, 2, 2);
        assertThat(count(".items", "outcome", "rejected")).isZero();
        assertThat(count(".retries")).isEqualTo(6);
        assertThat(log.at(Level.WARN)).hasSize(3).allSatisfy(line -> assertThat(line)
                .contains("of 2 write(s)", "index 'books-v2' is closed", "until the index is opened "
                        + "(POST /books-v2/_open)", "[index_closed_exception: closed]"));
        assertThat(writer.stopped()).isEmpty();
    }

    @Test
    void writesToAWriteBlockedOrFloodStageIndexAreRetriedUntilTheBlockIsLifted() {
        for (String block : List.of(EngineAnswers.WRITE_BLOCK, EngineAnswers.FLOOD_STAGE_BLOCK)) {
            FakeBulkServer server = server(itemsFail(2, block.contains("TOO_MANY_REQUESTS") ? 429 : 403, block));
            VersionedBulkWriter writer = writer(server, FAST_RETRIES);

            CompletableFuture<WriteResult<Object>> future = writer.write(upsert("books-v2", "a"), null);
            writer.flush();

            assertThat(future.join().outcome()).isEqualTo(WriteOutcome.APPLIED);
            assertThat(server.batchSizes()).containsExactly(1, 1, 1);
        }
        assertThat(count(".items", "outcome", "rejected")).isZero();
        assertThat(log.at(Level.WARN)).anySatisfy(line -> assertThat(line)
                .contains("index 'books-v2' is blocked for writes", "FORBIDDEN/8/index write (api)"));
        assertThat(log.at(Level.WARN)).anySatisfy(line -> assertThat(line)
                .contains("index 'books-v2' is read-only because a disk passed the flood-stage watermark"));
    }

    @Test
    void aMissingIndexStopsTheWriterAfterThreeAnswersInARowAndEveryCallerHearsOfIt() {
        FakeBulkServer server = server(itemsFail(Integer.MAX_VALUE, 404, EngineAnswers.ES_INDEX_MISSING));
        VersionedBulkWriter writer = writer(server, FAST_RETRIES);

        CompletableFuture<WriteResult<Object>> submitted = writer.write(upsert("missing-idx", "a"), null);
        CompletableFuture<WriteResult<Object>> upserted = writer.write(WriteRequest.upsert("missing-idx", "b", 1, Docs.object("{'title':'b'}")), null);

        assertThatThrownBy(writer::flush).isInstanceOf(ClusterConditionException.class)
                .hasMessageStartingWith("index 'missing-idx' does not exist, and the cluster does not create it")
                .hasMessageEndingWith("[index_not_found_exception: no such index [missing-idx]]");
        assertThat(server.batchSizes()).as("sent, then twice more to see it confirmed").containsExactly(2, 2, 2);
        for (CompletableFuture<?> future : List.of(submitted, upserted)) {
            assertThat(future).isCompletedExceptionally();
            assertThatThrownBy(future::join).isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(ClusterConditionException.class);
        }
        ClusterConditionException stop = writer.stopped().orElseThrow();
        assertThat(stop.condition()).isEqualTo(ClusterCondition.INDEX_MISSING);
        assertThat(stop.index()).isEqualTo("missing-idx");
        assertThat(writer.pending()).isZero();
        assertThat(count(".items", "outcome", "rejected")).isZero();
        assertThatThrownBy(() -> writer.write(upsert("missing-idx", "c"), null))
                .isInstanceOf(ClusterConditionException.class).hasMessage(stop.getMessage());
        assertThat(server.requests()).hasSize(3);
        assertThat(log.at(Level.ERROR)).singleElement().asString()
                .startsWith("bulk writer stopped, its writes not yet applied fail: index 'missing-idx' does not exist");
        assertThatThrownBy(writer::close).isInstanceOf(ClusterConditionException.class).isNotSameAs(stop);
        assertThatThrownBy(() -> writer.write(upsert("missing-idx", "d"), null)).isInstanceOf(ClusterConditionException.class);
    }

    @Test
    void aOneOff401IsNotEnoughToStopTheWriter() {
        // OpenSearch 2.19.3 has been seen to answer this, once, to valid credentials
        FakeBulkServer server = server(request -> request.number() == 1
                ? new FakeBulkServer.Answer(401, EngineAnswers.OS_SPURIOUS_UNAUTHENTICATED)
                : FakeBulkServer.applyAll(request));
        VersionedBulkWriter writer = writer(server, FAST_RETRIES);

        CompletableFuture<WriteResult<Object>> future = writer.write(upsert("books-v2", "a"), null);
        writer.flush();

        assertThat(future.join().outcome()).isEqualTo(WriteOutcome.APPLIED);
        assertThat(log.at(Level.WARN)).singleElement().asString()
                .contains("the cluster does not accept the credentials (HTTP 401)", "(answer 1 of 3 in a row that stop "
                        + "the writer)");
    }

    @Test
    void credentialsRefusedForGoodStopTheWriter() {
        FakeBulkServer server = server(request -> new FakeBulkServer.Answer(401, EngineAnswers.ES_UNAUTHENTICATED));
        VersionedBulkWriter writer = writer(server, FAST_RETRIES);

        CompletableFuture<WriteResult<Object>> future = writer.write(upsert("books-v2", "a"), null);

        assertThatThrownBy(writer::flush).isInstanceOf(ClusterConditionException.class)
                .extracting(e -> ((ClusterConditionException) e).condition()).isEqualTo(ClusterCondition.NOT_AUTHENTICATED);
        assertThat(future).isCompletedExceptionally();
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void writesWithAnOutcomeKeepItWhenTheWriterStops() {
        FakeBulkServer server = server(request -> FakeBulkServer.Answer.ok(EsResponses.bulk(request.actions().stream()
                .map(a -> switch (a.id()) {
                    case "ok" -> FakeBulkServer.applied(a);
                    case "bad" -> EsResponses.itemError(a.type(), a.index(), a.id(), 400,
                            EngineAnswers.STRICT_DYNAMIC_MAPPING);
                    default -> EsResponses.itemError(a.type(), a.index(), a.id(), 403, EngineAnswers.ES_ITEM_UNAUTHORIZED);
                }).toList())));
        VersionedBulkWriter writer = writer(server, FAST_RETRIES);

        CompletableFuture<WriteResult<Object>> ok = writer.write(upsert("books-v2", "ok"), null);
        CompletableFuture<WriteResult<Object>> bad = writer.write(upsert("books-v2", "bad"), null);
        CompletableFuture<WriteResult<Object>> forbidden = writer.write(upsert("books-v2", "forbidden"), null);
        assertThatThrownBy(writer::flush).isInstanceOf(ClusterConditionException.class);

        assertThat(ok.join().outcome()).isEqualTo(WriteOutcome.APPLIED);
        assertThat(bad.join().outcome()).isEqualTo(WriteOutcome.REJECTED);
        assertThat(bad.join().reason()).startsWith("strict_dynamic_mapping_exception: ");
        assertThat(forbidden).isCompletedExceptionally();
        assertThat(server.batchSizes()).containsExactly(3, 1, 1);
    }

    @Test
    void aStopFailsTheWritesOfOtherBatchesToo() {
        // books-v2 is missing; films-v2 is overloaded for as long as the test lasts, its writes retried meanwhile
        AtomicBoolean filmsSeen = new AtomicBoolean();
        FakeBulkServer server = server(request -> FakeBulkServer.Answer.ok(EsResponses.bulk(request.actions().stream()
                .map(a -> {
                    if (a.index().equals("films-v2")) {
                        filmsSeen.set(true);
                        return EsResponses.rejectedExecution(a.type(), a.index(), a.id());
                    }
                    return EsResponses.itemError(a.type(), a.index(), a.id(), 404, EngineAnswers.ES_INDEX_MISSING);
                }).toList())));
        VersionedBulkWriter writer = writer(server, FAST_RETRIES.withMaxDocs(1).withMaxInFlight(2));

        CompletableFuture<WriteResult<Object>> film = writer.write(upsert("films-v2", "f"), null);
        CompletableFuture<WriteResult<Object>> book = writer.write(upsert("books-v2", "b"), null);
        assertThatThrownBy(writer::flush).isInstanceOf(ClusterConditionException.class);

        assertThat(filmsSeen).isTrue();
        assertThat(book).isCompletedExceptionally();
        assertThat(film).as("retried for overload, then failed with the stop, not sent forever").isCompletedExceptionally();
        assertThat(writer.pending()).isZero();
    }

    @Test
    void writesWaitingForABatchFailAsSoonAsTheWriterStops() throws Exception {
        FakeBulkServer server = server(itemsFail(Integer.MAX_VALUE, 400, EngineAnswers.NO_WRITE_INDEX));
        // one batch out at a time, and a partial batch sent only by flush(): the second write waits for a batch
        VersionedBulkWriter writer = writer(server, FAST_RETRIES.withMaxDocs(1).withMaxInFlight(1));

        CompletableFuture<WriteResult<Object>> first = writer.write(upsert("al", "1"), null);
        CompletableFuture<WriteResult<Object>> second = writer.write(upsert("al", "2"), null);

        assertThatThrownBy(() -> CompletableFuture.allOf(first, second).get(10, java.util.concurrent.TimeUnit.SECONDS))
                .hasCauseInstanceOf(ClusterConditionException.class);
        assertThat(second).isCompletedExceptionally();
        assertThat(server.requests()).as("the second write was never sent").hasSize(3);
        assertThat(writer.stopped()).map(ClusterConditionException::condition).contains(ClusterCondition.NO_WRITE_INDEX);
    }
}
