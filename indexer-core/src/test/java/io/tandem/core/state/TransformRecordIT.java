package io.tandem.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.localstack.Engine;
import io.tandem.localstack.RestFixture;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.WithEngines;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Issue 19: the transform is recorded with the migration, so commands run with another one are refused. */
@WithEngines(Engine.OPENSEARCH_2)
class TransformRecordIT {

    private static final TransformRecord TAGS = new TransformRecord("tags-to-key-value",
            Map.of("source", "actions.tags", "target", "tags"));

    @Test
    void theFirstWriterRecordsItsTransformAndEveryLaterCommandMustUseTheSame(Engines engines) throws IOException {
        try (RestFixture rest = RestFixture.on(engines.get(Engine.OPENSEARCH_2))) {
            StateStore state = new StateStore(rest.client(), Engines.uniqueName("tandem-state"));
            // a reader before any writer has nothing to check against
            assertThatCode(() -> new TransformRecord("identity", Map.of()).check(state, "messages-v2")).doesNotThrowAnyException();
            assertThat(state.read(TransformRecord.keyFor("messages-v2"))).isEmpty();

            TAGS.recordOrCheck(state, "messages-v2");
            // the same transform, its options in another order: the consumer after the backfill, a verify
            Map<String, String> reordered = new LinkedHashMap<>();
            reordered.put("target", "tags");
            reordered.put("source", "actions.tags");
            assertThatCode(() -> new TransformRecord("tags-to-key-value", reordered).recordOrCheck(state, "messages-v2"))
                    .doesNotThrowAnyException();
            assertThatCode(() -> TAGS.check(state, "messages-v2")).doesNotThrowAnyException();

            TransformRecord forgotten = new TransformRecord("tags-to-key-value", Map.of("source", "tags"));
            for (ThrowingCallable command : List.<ThrowingCallable>of(() -> forgotten.recordOrCheck(state, "messages-v2"),
                    () -> forgotten.check(state, "messages-v2"))) {
                assertThatThrownBy(command).isInstanceOf(IllegalStateException.class)
                        .hasMessage("the documents of messages-v2 are written with transform tags-to-key-value "
                                + "{source=actions.tags, target=tags} (state key transform/messages-v2 in " + state.index()
                                + "), this command was given tags-to-key-value {source=tags}: give it the same --transform "
                                + "and --transform-option, or migrate with the new one into a new index");
            }
            // the refused writer changed nothing; another index is another migration
            assertThatCode(() -> TAGS.check(state, "messages-v2")).doesNotThrowAnyException();
            assertThatCode(() -> forgotten.recordOrCheck(state, "messages-v3")).doesNotThrowAnyException();
        }
    }
}
