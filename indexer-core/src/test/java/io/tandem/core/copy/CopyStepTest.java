package io.tandem.core.copy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.cluster.ClusterCondition;
import io.tandem.core.cluster.ClusterConditionException;
import io.tandem.core.document.Operation;
import io.tandem.core.sink.VersionedWrites;
import io.tandem.core.sink.WriteOutcome;
import io.tandem.core.sink.WriteRequest;
import io.tandem.core.sink.WriteResult;
import io.tandem.core.source.SourceJson;
import io.tandem.core.transform.DocumentTransform;
import io.tandem.core.transform.TransformException;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: one copy step for every source resolves each document to applied, stale or dead-lettered once that is
 * durable, or fails saying why; never a fourth outcome.
 */
class CopyStepTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Origin ORIGIN = Origin.named("slice 0 of old");

    private final FakeWrites writes = new FakeWrites();
    private final FakeSink sink = new FakeSink();

    @Test
    void appliedAndStaleWritesResolveAsSuchAndDeadLetterNothing() {
        CopyStep step = step((id, source) -> source.deepCopy());
        CompletableFuture<CopyStep.Outcome> applied = step.copy(upsert("1", "{\"a\":1}", 3));
        CompletableFuture<CopyStep.Outcome> stale = step.copy(upsert("2", "{\"a\":2}", 3));

        writes.complete(0, WriteOutcome.APPLIED, null);
        writes.complete(1, WriteOutcome.STALE, "version_conflict_engine_exception: x");

        assertThat(applied.join()).isEqualTo(CopyStep.Outcome.APPLIED);
        assertThat(stale.join()).isEqualTo(CopyStep.Outcome.STALE);
        assertThat(writes.requests).extracting(WriteRequest::index, WriteRequest::id, WriteRequest::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("v2", "1", 3L),
                        org.assertj.core.groups.Tuple.tuple("v2", "2", 3L));
        assertThat(sink.letters).isEmpty();
    }

    @Test
    void aRejectedWriteIsDeadLetteredWithItsReasonAndSourceBytesAndEndsOnlyOnceTheSinkHasIt() {
        CopyStep step = step((id, source) -> source.deepCopy());
        CompletableFuture<CopyStep.Outcome> copied = step.copy(upsert("1", "{\"price\":1.10}", 0));

        writes.complete(0, WriteOutcome.REJECTED, "mapper_parsing_exception: bad price");

        assertThat(sink.letters).singleElement().satisfies(letter -> {
            assertThat(letter.id()).isEqualTo("1");
            assertThat(letter.index()).isEqualTo("v2");
            assertThat(letter.stage()).isEqualTo(FailureStage.WRITE);
            assertThat(letter.reason()).isEqualTo("mapper_parsing_exception: bad price");
            assertThat(letter.source().toString()).isEqualTo("{\"price\":1.10}");
            assertThat(letter.origin()).isSameAs(ORIGIN);
        });
        assertThat(copied).as("not done before the dead letter is durable").isNotDone();
        sink.futures.get(0).complete(null);
        assertThat(copied.join()).isEqualTo(CopyStep.Outcome.DEAD_LETTERED);
    }

    @Test
    void aDocumentTheTransformRefusesIsDeadLetteredAndNeverWritten() {
        CopyStep step = step((id, source) -> {
            throw new TransformException("tags are JSON type string, expected an object");
        });

        CompletableFuture<CopyStep.Outcome> copied = step.copy(upsert("1", "{\"tags\":\"x\"}", 0));
        sink.futures.get(0).complete(null);

        assertThat(copied.join()).isEqualTo(CopyStep.Outcome.DEAD_LETTERED);
        assertThat(writes.requests).isEmpty();
        assertThat(sink.letters).extracting(DeadLetter::stage, DeadLetter::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(FailureStage.TRANSFORM, "tags are JSON type string, expected an object"));
    }

    @Test
    void aDocumentWithoutAUsableVersionIsDeadLetteredAtTheVersionStageWithAReasonEvenWithoutAMessage() {
        CopyStep step = step((id, source) -> source.deepCopy());

        CompletableFuture<CopyStep.Outcome> copied = step.copy(new CopyStep.Document("1", Operation.UPSERT,
                object("{}"), json("{}"), () -> {
                    throw new IllegalArgumentException((String) null);
                }, ORIGIN));
        sink.futures.get(0).complete(null);

        assertThat(copied.join()).isEqualTo(CopyStep.Outcome.DEAD_LETTERED);
        assertThat(sink.letters).extracting(DeadLetter::stage, DeadLetter::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(FailureStage.VERSION, DeadLetter.NO_REASON));
        assertThat(writes.requests).isEmpty();
    }

    @Test
    void aDeadLetterThatCannotBeRecordedFailsTheCopyNamingWhereItWasToGoAndWhy() {
        CopyStep step = step((id, source) -> source.deepCopy());
        CompletableFuture<CopyStep.Outcome> copied = step.copy(upsert("1", "{}", 0));
        writes.complete(0, WriteOutcome.REJECTED, "mapper_parsing_exception: x");

        sink.futures.get(0).completeExceptionally(new java.io.UncheckedIOException("No space left on device",
                new java.io.IOException("No space left on device")));

        assertThat(copied).isCompletedExceptionally();
        Throwable failure = CopyStep.unwrap(catchFailure(copied));
        assertThat(failure).isInstanceOf(CopyFailedException.class);
        assertThat(((CopyFailedException) failure).deadLetterLost()).isTrue();
        assertThat(failure.getMessage()).isEqualTo("its dead letter could not be written to the test sink: "
                + "UncheckedIOException: No space left on device");
    }

    @Test
    void aWriteTheStoppedWriterFailsEndsWithTheClusterConditionItselfAndDeadLettersNothing() {
        CopyStep step = step((id, source) -> source.deepCopy());
        CompletableFuture<CopyStep.Outcome> copied = step.copy(upsert("1", "{}", 0));
        ClusterConditionException stop = new ClusterConditionException(ClusterCondition.NO_WRITE_INDEX, "al", "x");

        writes.futures.get(0).completeExceptionally(stop);

        assertThat(CopyStep.unwrap(catchFailure(copied))).isSameAs(stop);
        assertThat(sink.letters).isEmpty();
    }

    @Test
    void aWriteThatFailsInsteadOfEndingFailsTheCopy() {
        CopyStep step = step((id, source) -> source.deepCopy());
        CompletableFuture<CopyStep.Outcome> copied = step.copy(upsert("1", "{}", 0));

        writes.futures.get(0).completeExceptionally(new IllegalStateException("the bulk writer is closed"));

        Throwable failure = CopyStep.unwrap(catchFailure(copied));
        assertThat(failure).isInstanceOf(CopyFailedException.class)
                .hasMessage("its write failed: IllegalStateException: the bulk writer is closed");
        assertThat(((CopyFailedException) failure).deadLetterLost()).isFalse();
    }

    @Test
    void theTransformIsAppliedSharedAndTheSourceStaysAsItArrived() {
        DocumentTransform sharing = new DocumentTransform() {
            @Override
            public ObjectNode apply(String id, ObjectNode source) {
                throw new AssertionError("the copy step uses applyShared");
            }

            @Override
            public ObjectNode applyShared(String id, ObjectNode source) {
                return JSON.createObjectNode().set("inner", source.get("inner"));
            }
        };
        ObjectNode source = object("{\"inner\":{\"a\":1}}");

        step(sharing).copy(new CopyStep.Document("1", Operation.UPSERT, source, json("{}"), CopyStep.Version.of(1),
                ORIGIN));

        assertThat(writes.requests.get(0).document()).isEqualTo(object("{\"inner\":{\"a\":1}}"));
        assertThat(source).isEqualTo(object("{\"inner\":{\"a\":1}}"));
    }

    @Test
    void aDeleteIsWrittenWithoutTransform() {
        CopyStep step = step((id, source) -> {
            throw new AssertionError("a delete has no document to transform");
        });

        CompletableFuture<CopyStep.Outcome> copied = step.copy(new CopyStep.Document("1", Operation.DELETE, null,
                null, CopyStep.Version.of(9), ORIGIN));
        writes.complete(0, WriteOutcome.APPLIED, null);

        assertThat(copied.join()).isEqualTo(CopyStep.Outcome.APPLIED);
        assertThat(writes.requests.get(0).operation()).isEqualTo(Operation.DELETE);
    }

    @Test
    void aWriteInFlightKeepsNoReferenceToTheSourceTree() throws Exception {
        CopyStep step = step((id, source) -> source.deepCopy());
        ObjectNode source = object("{\"title\":\"held only as bytes\"}");
        WeakReference<ObjectNode> reference = new WeakReference<>(source);
        step.copy(new CopyStep.Document("1", Operation.UPSERT, source, json("{}"), CopyStep.Version.of(1), ORIGIN));
        source = null;

        for (int i = 0; i < 50 && reference.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }

        assertThat(reference.get()).as("reachable from the write's context or callback").isNull();
        assertThat(writes.futures.get(0)).isNotDone();
    }

    // ---------------------------------------------------------------------------------------------------------------

    private CopyStep step(DocumentTransform transform) {
        return new CopyStep(transform, writes, sink, "v2");
    }

    private static CopyStep.Document upsert(String id, String source, long version) {
        return new CopyStep.Document(id, Operation.UPSERT, object(source), json(source), CopyStep.Version.of(version),
                ORIGIN);
    }

    private static ObjectNode object(String json) {
        try {
            return (ObjectNode) JsonMapper.builder()
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build()
                    .readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static SourceJson json(String text) {
        return SourceJson.of(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Throwable catchFailure(CompletableFuture<?> future) {
        try {
            future.join();
        } catch (CompletionException e) {
            return e;
        }
        throw new AssertionError("completed normally: " + future.join());
    }

    /** The writer: each write's future, completed by the test; keeps each write's context as the writer does. */
    private static final class FakeWrites implements VersionedWrites {

        final List<WriteRequest> requests = new ArrayList<>();
        final List<Object> contexts = new ArrayList<>();
        final List<CompletableFuture<WriteResult<Object>>> futures = new ArrayList<>();
        final List<String> ids = new ArrayList<>();

        @Override
        @SuppressWarnings("unchecked")
        public <C> CompletableFuture<WriteResult<C>> write(WriteRequest request, C context) {
            CompletableFuture<WriteResult<C>> future = new CompletableFuture<>();
            requests.add(request);
            ids.add(request.id());
            contexts.add(context);
            futures.add((CompletableFuture<WriteResult<Object>>) (CompletableFuture<?>) future);
            return future;
        }

        @Override
        public void flush() {
            // the test completes the writes
        }

        void complete(int index, WriteOutcome outcome, String reason) {
            futures.get(index).complete(new WriteResult<>(contexts.get(index), ids.get(index), outcome, reason));
        }
    }

    /** A sink whose letters become durable when the test says so. */
    private static final class FakeSink implements DeadLetterSink {

        final List<DeadLetter> letters = new ArrayList<>();
        final List<CompletableFuture<Void>> futures = new ArrayList<>();

        @Override
        public CompletableFuture<Void> record(DeadLetter letter) {
            CompletableFuture<Void> recorded = new CompletableFuture<>();
            letters.add(letter);
            futures.add(recorded);
            return recorded;
        }

        @Override
        public void flush() {
            // the test completes the letters
        }

        @Override
        public String destination() {
            return "written to the test sink";
        }
    }
}
