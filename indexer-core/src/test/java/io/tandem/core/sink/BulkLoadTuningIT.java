package io.tandem.core.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.localstack.RestFixture;
import io.tandem.localstack.RestFixture.Reply;
import io.tandem.core.state.StateStore;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.WithEngines;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@WithEngines({Engine.ELASTICSEARCH_7, Engine.OPENSEARCH_2})
class BulkLoadTuningIT {

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void explicitValuesComeBackExactly(Engine engine, Engines engines) throws IOException {
        try (RestFixture rest = RestFixture.on(engines.get(engine))) {
            String index = createIndex(rest, "\"number_of_replicas\":1,\"refresh_interval\":\"5s\","
                    + "\"translog\":{\"durability\":\"request\"}");
            JsonNode original = settings(rest, index);
            BulkLoadTuning tuning = new BulkLoadTuning(rest.client(), stateStore(rest));

            List<SettingChange> applied = tuning.apply(index, TuningSettings.bulkLoad());

            assertThat(applied).extracting(SettingChange::toString).containsExactly(
                    "index.refresh_interval: 5s -> -1",
                    "index.number_of_replicas: 1 -> 0",
                    "index.translog.durability: request -> async");
            JsonNode tuned = settings(rest, index);
            assertThat(tuned.path("index.refresh_interval").asText()).isEqualTo("-1");
            assertThat(tuned.path("index.number_of_replicas").asText()).isEqualTo("0");
            assertThat(tuned.path("index.translog.durability").asText()).isEqualTo("async");
            assertThat(tuning.isTuned(index)).isTrue();

            List<SettingChange> restored = tuning.restore(index);

            assertThat(restored).extracting(SettingChange::toString).containsExactly(
                    "index.refresh_interval: -1 -> 5s",
                    "index.number_of_replicas: 0 -> 1",
                    "index.translog.durability: async -> request");
            assertThat(settings(rest, index)).isEqualTo(original);
            assertThat(tuning.isTuned(index)).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void defaultsAreResetToDefaultsNotPinned(Engine engine, Engines engines) throws IOException {
        try (RestFixture rest = RestFixture.on(engines.get(engine))) {
            String index = createIndex(rest, "\"number_of_replicas\":0");
            JsonNode original = settings(rest, index);
            assertThat(original.has("index.refresh_interval")).isFalse();
            assertThat(original.has("index.translog.durability")).isFalse();
            BulkLoadTuning tuning = new BulkLoadTuning(rest.client(), stateStore(rest));

            List<SettingChange> applied = tuning.apply(index, TuningSettings.bulkLoad());

            // replicas were 0 already: not a change
            assertThat(applied).containsExactly(
                    new SettingChange("index.refresh_interval", null, "-1"),
                    new SettingChange("index.translog.durability", null, "async"));
            assertThat(applied).extracting(SettingChange::toString).containsExactly(
                    "index.refresh_interval: (default) -> -1",
                    "index.translog.durability: (default) -> async");

            assertThat(tuning.restore(index)).containsExactly(
                    new SettingChange("index.refresh_interval", "-1", null),
                    new SettingChange("index.translog.durability", "async", null));
            assertThat(settings(rest, index)).isEqualTo(original);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void aRunKilledBeforeRestoringLeavesTheOriginalsToTheNextRun(Engine engine, Engines engines) throws IOException {
        try (RestFixture rest = RestFixture.on(engines.get(engine))) {
            String index = createIndex(rest, "\"number_of_replicas\":0,\"refresh_interval\":\"2s\"");
            JsonNode original = settings(rest, index);
            StateStore state = stateStore(rest);
            new BulkLoadTuning(rest.client(), state).apply(index, TuningSettings.bulkLoad());
            // killed here; the restarted job builds everything anew and tunes again, now seeing the tuned values
            BulkLoadTuning restarted = new BulkLoadTuning(rest.client(), state);

            assertThat(restarted.apply(index, TuningSettings.bulkLoad())).isEmpty();
            assertThat(restarted.isTuned(index)).isTrue();
            assertThat(restarted.restore(index)).extracting(SettingChange::toString).containsExactly(
                    "index.refresh_interval: -1 -> 2s",
                    "index.translog.durability: async -> (default)");
            assertThat(settings(rest, index)).isEqualTo(original);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void aSettingFirstTunedByTheRestartedRunIsSavedToo(Engine engine, Engines engines) throws IOException {
        try (RestFixture rest = RestFixture.on(engines.get(engine))) {
            String index = createIndex(rest, "\"number_of_replicas\":0,\"refresh_interval\":\"2s\"");
            JsonNode original = settings(rest, index);
            StateStore state = stateStore(rest);
            new BulkLoadTuning(rest.client(), state)
                    .apply(index, new TuningSettings(Optional.of("-1"), OptionalInt.empty(), Optional.empty()));
            BulkLoadTuning restarted = new BulkLoadTuning(rest.client(), state);

            assertThat(restarted.apply(index, TuningSettings.bulkLoad())).extracting(SettingChange::toString)
                    .containsExactly("index.translog.durability: (default) -> async");
            assertThat(restarted.restore(index)).extracting(SettingChange::toString).containsExactly(
                    "index.refresh_interval: -1 -> 2s",
                    "index.translog.durability: async -> (default)");
            assertThat(settings(rest, index)).isEqualTo(original);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void restoreWithoutASaveIsANoOpAndRestoreIsIdempotent(Engine engine, Engines engines) throws IOException {
        try (RestFixture rest = RestFixture.on(engines.get(engine))) {
            String index = createIndex(rest, "\"number_of_replicas\":0,\"refresh_interval\":\"3s\"");
            JsonNode original = settings(rest, index);
            BulkLoadTuning tuning = new BulkLoadTuning(rest.client(), stateStore(rest));

            assertThat(tuning.restore(index)).isEmpty();
            assertThat(settings(rest, index)).isEqualTo(original);

            tuning.apply(index, TuningSettings.bulkLoad());
            assertThat(tuning.restore(index)).isNotEmpty();
            assertThat(tuning.restore(index)).isEmpty();
            assertThat(settings(rest, index)).isEqualTo(original);
            assertThat(tuning.isTuned(index)).isFalse();

            assertThat(tuning.apply(index, TuningSettings.none())).isEmpty();
            assertThat(tuning.isTuned(index)).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void autoExpandingReplicasIsSwitchedOffWhileReplicasAreTuned(Engine engine, Engines engines) throws IOException {
        try (RestFixture rest = RestFixture.on(engines.get(engine))) {
            String index = createIndex(rest, "\"auto_expand_replicas\":\"0-1\"");
            JsonNode original = settings(rest, index);
            BulkLoadTuning tuning = new BulkLoadTuning(rest.client(), stateStore(rest));

            List<SettingChange> applied = tuning.apply(index,
                    new TuningSettings(Optional.empty(), OptionalInt.of(0), Optional.empty()));

            assertThat(applied).first().hasToString("index.auto_expand_replicas: 0-1 -> false");
            assertThat(settings(rest, index).path("index.auto_expand_replicas").asText()).isEqualTo("false");
            assertThat(settings(rest, index).path("index.number_of_replicas").asText()).isEqualTo("0");
            tuning.restore(index);
            assertThat(settings(rest, index)).isEqualTo(original);
        }
    }

    /** One state index for the class (its keys name each test's own index): creating one per test costs seconds. */
    private static final String STATE_INDEX = Engines.uniqueName("tandem-state");

    private static StateStore stateStore(RestFixture rest) {
        return new StateStore(rest.client(), STATE_INDEX);
    }

    private static String createIndex(RestFixture rest, String settings) {
        String index = Engines.uniqueName("tuned");
        Reply created = rest.send("PUT", "/" + index, "{\"settings\":{\"number_of_shards\":1," + settings + "}}");
        assertThat(created.status()).as("%s", created).isEqualTo(200);
        return index;
    }

    /** All explicit settings of the index, flat: what "exactly as before" is compared on. */
    private static JsonNode settings(RestFixture rest, String index) {
        Reply reply = rest.send("GET", "/" + index + "/_settings?flat_settings=true", null);
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return reply.body().path(index).path("settings");
    }
}
