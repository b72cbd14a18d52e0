package io.tandem.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.localstack.RestFixture;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.WithEngines;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@WithEngines({Engine.ELASTICSEARCH_7, Engine.OPENSEARCH_2})
class StateStoreIT {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static ObjectNode json(String text) throws IOException {
        return (ObjectNode) MAPPER.readTree(text.replace('\'', '"'));
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void storesAnyJsonByKeyInAnIndexItCreates(Engine engine, Engines engines) throws IOException {
        try (RestFixture rest = RestFixture.on(engines.get(engine))) {
            String index = Engines.uniqueName("tandem-state");
            StateStore store = new StateStore(rest.client(), index);
            String key = "migration/messages-v2";

            assertThat(store.read(key)).isEmpty();
            // values whose fields clash in type across keys: fine, because nothing of a value is indexed
            ObjectNode first = json("{'a':{'b':[1,'x',{'c':true}]},'n':1}");
            ObjectNode second = json("{'a':'now a string','n':{'deep':[null]}}");
            store.write(key, first);
            assertThat(store.read(key)).contains(first);
            store.write(key, second);
            assertThat(store.read(key)).contains(second);
            store.write("other key", first);
            assertThat(store.read("other key")).contains(first);

            JsonNode settings = rest.send("GET", "/" + index + "/_settings?flat_settings=true", null).body().path(index).path("settings");
            assertThat(settings.path("index.number_of_shards").asText()).isEqualTo("1");
            assertThat(settings.path("index.auto_expand_replicas").asText()).isEqualTo("0-1");
            JsonNode mappings = rest.send("GET", "/" + index + "/_mapping", null).body().path(index).path("mappings");
            assertThat(mappings.path("dynamic").asText()).isEqualTo("strict");
            assertThat(mappings.path("properties").path("value").path("enabled").asBoolean(true)).isFalse();
            // refreshed: searchable as soon as write returns
            JsonNode count = rest.send("POST", "/" + index + "/_count", "{\"query\":{\"term\":{\"key\":\"" + key + "\"}}}").body();
            assertThat(count.path("count").asLong()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void writeIfAbsentWritesOnceAndKeepsTheFirstValue(Engine engine, Engines engines) throws IOException {
        try (RestFixture rest = RestFixture.on(engines.get(engine))) {
            StateStore store = new StateStore(rest.client(), Engines.uniqueName("tandem-state"));
            MigrationRecord started = new MigrationRecord("commands", 6, MigrationRecord.KAFKA_OFFSET, "messages-v2",
                    Instant.now().truncatedTo(ChronoUnit.MILLIS), null);
            MigrationRecord restarted = new MigrationRecord("commands", 12, MigrationRecord.KAFKA_OFFSET, "messages-v2",
                    Instant.now().truncatedTo(ChronoUnit.MILLIS), "2h");

            assertThat(store.writeIfAbsent(started.key(), started.toJson())).isTrue();
            assertThat(store.writeIfAbsent(restarted.key(), restarted.toJson())).isFalse();

            assertThat(store.read(MigrationRecord.keyFor("messages-v2")).map(MigrationRecord::fromJson)).contains(started);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void replaceIfReplacesOnlyTheValueAsItWasRead(Engine engine, Engines engines) throws IOException {
        try (RestFixture rest = RestFixture.on(engines.get(engine))) {
            StateStore store = new StateStore(rest.client(), Engines.uniqueName("tandem-state"));
            store.write("lock", json("{'holder':'a'}"));
            StateStore.Versioned read = store.readVersioned("lock").orElseThrow();

            assertThat(store.replaceIf("lock", json("{'holder':'b'}"), read)).as("still as read").isTrue();
            assertThat(store.replaceIf("lock", json("{'holder':'c'}"), read)).as("replaced since").isFalse();
            assertThat(store.read("lock")).contains(json("{'holder':'b'}"));
            StateStore.Versioned again = store.readVersioned("lock").orElseThrow();
            store.delete("lock");
            assertThat(store.replaceIf("lock", json("{'holder':'d'}"), again)).as("removed since").isFalse();
            assertThat(store.read("lock")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void deleteRemovesTheValueAndSaysWhetherThereWasOne(Engine engine, Engines engines) throws IOException {
        try (RestFixture rest = RestFixture.on(engines.get(engine))) {
            String index = Engines.uniqueName("tandem-state");
            StateStore store = new StateStore(rest.client(), index);
            store.write("tuning/messages-v2", json("{'settings':{'index.refresh_interval':null}}"));
            store.write("other", json("{'n':1}"));

            assertThat(store.delete("tuning/messages-v2")).isTrue();

            assertThat(store.read("tuning/messages-v2")).isEmpty();
            assertThat(store.read("other")).contains(json("{'n':1}"));
            // refreshed: gone from searches as soon as delete returns
            JsonNode count = rest.send("POST", "/" + index + "/_count", "{\"query\":{\"term\":{\"key\":\"tuning/messages-v2\"}}}").body();
            assertThat(count.path("count").asLong()).isZero();
            assertThat(store.delete("tuning/messages-v2")).isFalse();
            // a value can be stored under the key again, also with writeIfAbsent
            assertThat(store.writeIfAbsent("tuning/messages-v2", json("{'n':2}"))).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void deleteOnAFreshStoreFindsNothing(Engine engine, Engines engines) throws IOException {
        try (RestFixture rest = RestFixture.on(engines.get(engine))) {
            assertThat(new StateStore(rest.client(), Engines.uniqueName("tandem-state")).delete("nothing")).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void refusesAnIndexOfThatNameThatIsNotAStateIndex(Engine engine, Engines engines) throws IOException {
        try (RestFixture rest = RestFixture.on(engines.get(engine))) {
            String index = Engines.uniqueName("tandem-state");
            rest.send("PUT", "/" + index, "{\"mappings\":{\"properties\":{\"value\":{\"type\":\"keyword\"}}}}");
            StateStore store = new StateStore(rest.client(), index);

            assertThatThrownBy(() -> store.read("k"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("index '" + index + "' exists but is not a Tandem state index: ")
                    .hasMessageContaining("~ value: type object -> keyword");
        }
    }
}
